/// The commented starter lesson `cnn-tutor new ID` writes: narration, a convolution walked term by term with a
/// quiz and the author's own check, and a pool fed by the convolution's result. It passes `check --strict`
/// (tested), so an instructor starts from a lesson that works and edits it.
public enum StarterLesson {
    /// The starter lesson's text for `id`.
    ///
    /// - Parameter id: the new lesson's id; must satisfy the id rule (`isValidID`).
    /// - Returns: YAML text, with `id` in its `id:` and a title made from it ("edge-filters" → "Edge filters").
    public static func text(id: String) -> String {
        precondition(isValidID(id), "not a lesson id: \(id)")
        let words = id.split(separator: "-").joined(separator: " ")
        let title = words.prefix(1).uppercased() + words.dropFirst()
        return """
            # A cnn-tutor lesson. Every number the student sees is computed by the tutor from the inputs below;
            # the lesson never stores an answer. Check it with `cnn-tutor check FILE`; open it with
            # `cnn-tutor --lessons DIR`.
            # The full reference: docs/lesson-format.md in the cnn-tutor sources.

            id: \(id)            # unique: lowercase letters, digits and dashes
            order: 100                    # place in the menu; the bundled lessons use orders below 100
            title: \(title)
            summary: One 2×2 filter over a 4×4 input, then a max pool.   # one line for the menu

            steps:
              # A step without `op:` is narration only.
              - title: What we will compute
                say: |
                  A 2×2 filter slides over a 4×4 input with stride 1. Each output value is
                  the sum of four products: the filter times the patch of input under it.

              # A step with `op:` is a computation; the tutor walks it term by term.
              - title: The convolution, term by term
                say: |
                  Watch each product join the running sum.
                op: conv                  # cross-correlation, as deep learning frameworks define it
                input: |
                  1 2 0 1
                  0 1 3 1
                  2 1 0 2
                  1 0 1 3
                filter: |
                  1 0
                  0 -1
                walk: terms               # terms (default) | values | result
                expect: |                 # optional: your own arithmetic; `check` fails where it differs
                  0 -1 -1
                  -1 1 1
                  2 0 -3
                quiz:                     # asked before the value is shown
                  ask: What is O12?
                  value: output
                  at: [1, 2]              # 1-based row, column

              # A later step can use an earlier result: computed, never copied.
              - title: Max pooling the output
                say: |
                  A 2×2 max pool with stride 1 keeps the largest value of each window.
                op: pool
                mode: max                 # max | avg
                size: 2
                stride: 1
                input: {from: previous, result: output}
                quiz:
                  ask: What does the top-left window give?
                  value: output
                  at: [1, 1]
            """ + "\n"
    }

    /// The id rule: lowercase letters, digits and dashes, starting with a letter or digit.
    public static func isValidID(_ id: String) -> Bool { LessonTextRules.idProblem(id) == nil }
}
