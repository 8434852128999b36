import Testing
import Foundation
import CNNLessons
@testable import CNNTutorUI

@Test func dumpScreens() {
    let entries = bundledEntries()
    let env = ProcessInfo.processInfo.environment
    guard let lessonID = env["DUMP_LESSON"] else { return }
    let steps = (env["DUMP_STEPS"] ?? "1").split(separator: ",").compactMap { Int($0) }
    let w = Int(env["DUMP_W"] ?? "80")!, h = Int(env["DUMP_H"] ?? "24")!
    for step in steps {
        var state = TutorState(entries: entries, width: w, height: h, startLesson: lessonID, startStep: step - 1)
        if env["DUMP_SYMBOLS"] != nil { state.update(.character("s")) }
        print(dump(render(state)))
    }
}

@Test func dumpCounts() {
    guard ProcessInfo.processInfo.environment["DUMP_COUNTS"] != nil else { return }
    for entry in bundledEntries() { print("COUNT", entry.id, entry.stepCount) }
}
