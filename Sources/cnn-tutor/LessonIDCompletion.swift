import ArgumentParser
import CNNLessons

/// Shell completion of lesson ids: the bundled lessons, those in `$CNN_TUTOR_LESSONS` and those in any
/// `--lessons DIR` already typed on the line. The shell runs the binary to ask, so new lessons complete at once.
enum LessonIDCompletion {
    static let kind = CompletionKind.custom { words, _, prefix in
        ids(typed: words).filter { $0.hasPrefix(prefix) }
    }

    /// The ids of every lesson the command line being completed would see.
    ///
    /// - Parameter words: the words of the command line, as the shell splits them.
    static func ids(typed words: [String]) -> [String] {
        let library = LessonLibrary.load(userDirectories: folders(in: words))
        return library.headers.map(\.id)
    }

    /// The folders named by `--lessons DIR` or `--lessons=DIR` among `words`.
    static func folders(in words: [String]) -> [String] {
        var folders: [String] = []
        for (index, word) in words.enumerated() {
            if word == "--lessons", index + 1 < words.count {
                folders.append(words[index + 1])
            } else if word.hasPrefix("--lessons=") {
                folders.append(String(word.dropFirst("--lessons=".count)))
            }
        }
        return folders
    }
}
