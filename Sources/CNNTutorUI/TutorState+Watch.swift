import CNNLessons

/// A save of a watched lesson file (`--watch`), read by the driver: the lesson again, or what `check` finds
/// wrong with it.
public enum LessonReload: Sendable {
    case loaded(LessonPlayer)
    /// One line per problem, `file:line:column: error: …` (lesson text, sanitised where it is drawn).
    case broken([String])

    /// Reads `file` through the same loader as the library, and checks its `expect:` as `cnn-tutor check` does.
    public static func reading(file: String) -> LessonReload {
        switch LessonLoader.player(file: file) {
        case .failure(let found):
            return .broken(found.issues.map(\.description))
        case .success(let player):
            let disagreements = player.expectationIssues()
            return disagreements.isEmpty ? .loaded(player) : .broken(disagreements.map(\.description))
        }
    }
}

/// `--watch`: the lesson on screen follows its file. A good save replaces the lesson and keeps the step (clamped
/// to the new length); a broken one puts the problems in place of the lesson until the next good save.
extension TutorState {
    /// The file to watch: the open lesson's, or in the menu the chosen one's (so a lesson that did not load can
    /// be fixed and opened). nil for a bundled lesson.
    public var watchedFile: String? {
        switch mode {
        case .lesson(let view): entries[view.index].file
        case .overview(let overview): entries[overview.lesson.index].file
        case .menu(let menu): entries.indices.contains(menu.selection) ? entries[menu.selection].file : nil
        }
    }

    /// The problems of the open lesson's last save, when it did not load.
    public var lessonFileProblems: [String]? {
        lessonIndex.flatMap { entries[$0].fileProblems }
    }

    /// Takes a save of `file`; returns whether anything shown changed.
    @discardableResult
    public mutating func receive(_ reload: LessonReload, file: String) -> Bool {
        guard let index = entries.firstIndex(where: { $0.file == file }) else { return false }
        switch reload {
        case .broken(let problems):
            entries[index].fileProblems = problems
            message = nil
        case .loaded(let player):
            var entry = LessonEntry(source: player)
            entry.file = file
            entries[index] = entry
            message = "reloaded " + (file.split(separator: "/").last.map(String.init) ?? file)
            if case .overview(let overview) = mode, overview.lesson.index == index { mode = .lesson(overview.lesson) }
            if case .menu(var menu) = mode, let kept = menu.lesson, kept.index == index {
                // The lesson the menu goes back to is shown as saved: its frame is computed again here.
                mode = .lesson(kept)
                refreshFrame()
                menu.lesson = lessonView
                mode = .menu(menu)
            } else if lessonIndex == index, lessonView != nil {
                refreshFrame()
                recordVisit()
            }
        }
        return true
    }

    /// Whether `action` may be taken while the open lesson's file is broken: leaving it, and the screen's own
    /// keys; stepping through a lesson that is not shown is not.
    static func isAllowedOnBrokenFile(_ action: LessonAction) -> Bool {
        switch action {
        case .menu, .nextLesson, .previousLesson, .help, .quit, .blackout, .zoomIn, .zoomOut: true
        default: false
        }
    }
}
