// Composing the bundled lessons: YAMLDocument (what the tutor reads them with) against Yams (what it read them with
// before, kept here and in the tests only). Prints the median of 21 timed runs after 3 untimed ones, each run
// composing all the lessons; `Benchmarks/yaml.sh` builds and runs it.
import CNNBundle
import YAMLDocument
import Yams

/// Median wall time in seconds of `repeats` runs after `warmups` untimed ones.
func median(repeats: Int = 21, warmups: Int = 3, _ body: () -> Void) -> Double {
    for _ in 0..<warmups { body() }
    let clock = ContinuousClock()
    let times = (0..<repeats).map { _ in
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }.sorted()
    return times[times.count / 2]
}

let texts = TutorBundle.lessonFiles.map(\.text)
let bytes = texts.reduce(0) { $0 + $1.utf8.count }
/// The lessons' top-level keys as each parser reads them: the same count, and work the timing cannot skip.
func oursKeys() -> Int { texts.reduce(0) { $0 + ((try? YAML.compose(yaml: $1))??.mapping?.count ?? 0) } }
func theirKeys() -> Int { texts.reduce(0) { $0 + ((try? Yams.compose(yaml: $1, .basic))??.mapping?.count ?? 0) } }

var keys = (ours: 0, theirs: 0)
let ours = median { keys.ours = oursKeys() }
let theirs = median { keys.theirs = theirKeys() }
print("""
    {"lessons": \(texts.count), "bytes": \(bytes), "top_level_keys": [\(keys.ours), \(keys.theirs)], \
    "yamldocument_seconds": \(ours), "yams_seconds": \(theirs), \
    "yams_over_yamldocument": \((theirs / ours * 100).rounded() / 100)}
    """)
