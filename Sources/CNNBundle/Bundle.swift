import FoundationEssentials

/// One lesson file embedded in the binary at build time.
public struct BundledLessonFile: Sendable {
    /// The file's name in `Lessons/`, e.g. `03-forward-pass.yaml`.
    public let name: String
    /// The file's text.
    public let text: String
}

/// What the build put into the binary: the bundled lessons (`Lessons/*.yaml`, by Plugins/EmbedLessons) and the
/// version and commit it was built from. The binary needs no file beside it.
public enum TutorBundle {
    /// The tutor's version; raise it with each release.
    public static let version = "1.1.0"

    /// The git commit the binary was built from, or "unknown" when built outside a repository.
    public static var commit: String { EmbeddedLessonTexts.commit }

    /// The bundled lesson files, in file-name order. Decoded on first use (well under a millisecond).
    public static let lessonFiles: [BundledLessonFile] = EmbeddedLessonTexts.files.compactMap { file in
        guard let data = Data(base64Encoded: file.base64) else { return nil }
        return BundledLessonFile(name: file.name, text: String(decoding: data, as: UTF8.self))
    }
}
