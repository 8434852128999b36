import CNNLessons

/// Practice mode: in a term-by-term walk the student types each running sum before it is shown.
public struct PracticeState: Equatable, Sendable {
    public var isOn = false
    /// Steps (of the open lesson) whose running sum the student has typed right: shown from then on.
    public var solved: Set<Int> = []
    /// The last wrong running sum typed at a step, for the hint.
    public var wrong: [Int: String] = [:]

    mutating func forgetAnswers() {
        solved = []
        wrong = [:]
    }
}

/// The answer box: a quiz's answer, or practice mode's running sum.
extension TutorState {
    /// The running sum the student is asked for at this step in practice mode, when there is one.
    public var practiceTarget: Double? {
        guard practice.isOn, !practice.solved.contains(step), let frame, frame.quiz == nil,
              let formula = frame.formula, let last = Self.lastPartial(formula) else { return nil }
        return Self.number(last)
    }

    /// "2 → 5 → −1" → "−1" (the running sum this frame adds).
    static func lastPartial(_ formula: FormulaPanel) -> String? {
        formula.partials.components(separatedBy: " → ").last.flatMap { $0.isEmpty ? nil : $0 }
    }

    var answerBoxIsOpen: Bool { frame?.quiz != nil || practiceTarget != nil }

    /// Returns whether the key was taken (an Esc in an empty box is left to the lesson).
    mutating func handleAnswer(_ action: AnswerAction, key: Key) -> Bool {
        switch action {
        case .type:
            if case .character(let character) = key, answer.count < 24 {
                answer.append(character == "−" ? "-" : character)
            }
        case .erase:
            // Backspace in an empty box does nothing: it never leaves the question.
            if !answer.isEmpty { answer.removeLast() }
        case .clear:
            guard !answer.isEmpty else { return false }
            answer = ""
        case .check:
            guard !answer.isEmpty else {
                message = "type your answer (e.g. 5, -1.5 or 3/4), then Enter"
                return true
            }
            guard Self.number(answer) != nil else {
                message = "\"\(answer)\" is not a number: type e.g. 5, -1.5 or 3/4 (Backspace to fix it)"
                return true
            }
            if let quiz = frame?.quiz {
                checkQuiz(quiz)
            } else if let target = practiceTarget {
                checkPractice(target)
            }
        }
        return true
    }

    private mutating func checkQuiz(_ quiz: QuizPrompt) {
        let verdict = quiz.check(answer)
        guard verdict != .unreadable else {
            message = "\"\(answer)\" is not a number: type e.g. 5, -1.5 or 3/4"
            return
        }
        var feedback = quizFeedback[quiz.id] ?? QuizFeedback(answer: answer, verdict: verdict, wrongAnswers: 0)
        feedback.answer = answer
        feedback.verdict = verdict
        if verdict == .wrong { feedback.wrongAnswers += 1 }
        quizFeedback[quiz.id] = feedback
        if let id = currentEntry?.id {
            progress.record(quiz: quiz.id, lesson: id, answer: answer, right: verdict == .right)
        }
        answer = ""
    }

    private mutating func checkPractice(_ target: Double) {
        guard let typed = Self.number(answer) else { return }
        let right = abs(typed - target) <= 1e-9 * max(1, abs(target))
        if right {
            if practice.wrong[step] == nil, let id = currentEntry?.id {
                progress[lesson: id].practiceFirstTries = (progress[lesson: id].practiceFirstTries ?? 0) + 1
            }
            practice.solved.insert(step)
            message = "✓ \(answer) is right"
            answer = ""
            move(to: step + 1)
        } else {
            practice.wrong[step] = answer
            answer = ""
        }
    }

    mutating func togglePractice() {
        practice.isOn.toggle()
        answer = ""
        if !practice.isOn {
            message = "practice off: the running sums are shown"
        } else if frame?.formula == nil {
            message = "practice on: step to a term-by-term walk, then type each running sum"
        } else {
            message = "practice on: type the running sum marked ?, then Enter"
        }
    }
}
