import CNNLessons

/// The answers given to a quiz in this session: the last one, its verdict, and how many were wrong (the
/// first wrong answer gets a hint, the second the worked terms).
public struct QuizFeedback: Equatable, Sendable {
    public var answer: String
    public var verdict: QuizPrompt.Verdict
    public var wrongAnswers: Int
    /// On a "which cell?" quiz, the cell answered: its row and column subscripts, 0-based.
    public var cell: [Int]? = nil
}

/// The answer box: a quiz's answer, or practice mode's running sum.
extension TutorState {
    /// The running sum this frame adds (the newest term's), nil when the frame's formula has no terms.
    static func lastPartial(_ formula: FormulaPanel) -> WorkedTerm? {
        formula.worked?.terms.last
    }

    /// Returns whether the key was taken (an Esc in an empty box is left to the lesson).
    mutating func updateAnswer(_ action: AnswerAction, key: Key, box: AnswerBox) -> Bool {
        var box = box
        switch action {
        case .type:
            if case .character(let character) = key, box.text.count < 24 {
                box.text.append(character == "−" ? "-" : character)
            }
        case .erase:
            // Backspace in an empty box does nothing: it never leaves the question.
            if !box.text.isEmpty { box.text.removeLast() }
        case .clear:
            guard !box.text.isEmpty else { return false }
            box.text = ""
        case .check:
            check(box.text)
            return true
        case .pick:
            if case .character(let letter) = key { checkChoice(String(letter)) }
            return true
        case .point:
            return pointAtAskedGrid(key)
        }
        lessonView?.input = .answer(box)
        return true
    }

    private mutating func check(_ answer: String) {
        guard !answer.isEmpty else {
            message = frame?.quiz?.kind == .cell ? "type the cell's row and column (e.g. 2 3), then Enter"
                : "type your answer (e.g. 5, -1.5 or 3/4), then Enter"
            return
        }
        if frame?.quiz?.kind == .cell { return check(cell: answer) }
        guard let typed = Self.number(answer) else {
            message = "\"\(answer)\" is not a number: type e.g. 5, -1.5 or 3/4 (Backspace to fix it)"
            return
        }
        if let quiz = frame?.quiz {
            checkQuiz(quiz, answer: answer)
        } else if let target = practiceTarget {
            checkPractice(typed, answer: answer, target: target)
        }
    }

    private mutating func checkQuiz(_ quiz: QuizPrompt, answer: String) {
        let verdict = quiz.check(answer)
        guard verdict != .unreadable else {
            message = "\"\(answer)\" is not a number: type e.g. 5, -1.5 or 3/4"
            return
        }
        record(quiz, answer: answer, verdict: verdict)
    }

    /// Keeps the verdict for the feedback and the progress file, and closes what was open.
    mutating func record(_ quiz: QuizPrompt, answer: String, verdict: QuizPrompt.Verdict, cell: [Int]? = nil) {
        var feedback = quizFeedback[quiz.id] ?? QuizFeedback(answer: answer, verdict: verdict, wrongAnswers: 0)
        feedback.answer = answer
        feedback.verdict = verdict
        feedback.cell = cell
        if verdict == .wrong { feedback.wrongAnswers += 1 }
        quizFeedback[quiz.id] = feedback
        if let id = currentEntry?.id {
            progress.record(quiz: quiz.id, lesson: id, answer: answer, right: verdict == .right)
        }
        lessonView?.closeInput()
    }

    private mutating func checkPractice(_ typed: Double, answer: String, target: Double) {
        guard var view = lessonView else { return }
        guard abs(typed - target) <= 1e-9 * max(1, abs(target)) else {
            view.practice.wrong[view.step] = answer
            view.closeInput()
            lessonView = view
            return
        }
        if view.practice.wrong[view.step] == nil, let id = currentEntry?.id {
            progress[lesson: id].practiceFirstTries = (progress[lesson: id].practiceFirstTries ?? 0) + 1
        }
        view.practice.solved.insert(view.step)
        view.closeInput()
        lessonView = view
        message = "✓ \(answer) is right"
        move(to: view.step + 1)
    }

    mutating func togglePractice() {
        guard var view = lessonView else { return }
        view.practice.isOn.toggle()
        view.closeInput()
        lessonView = view
        if !view.practice.isOn {
            message = "practice off: the running sums are shown"
        } else if view.frame?.formula == nil {
            message = "practice on: step to a term-by-term walk, then type each running sum"
        } else {
            message = "practice on: type the running sum marked ?, then Enter"
        }
    }
}
