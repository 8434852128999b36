import CNNLessons
import Testing
@testable import CNNTutorUI

/// What a state looks like from outside: its screen, where it is, and how far the narration scrolled.
private func fingerprint(_ state: TutorState) -> String {
    render(state).lines.joined(separator: "\n") + "|\(state.step)|\(state.narrationScroll)|\(state.menuSelection)"
}

/// Whether applying `key` to at least one of `starts` shows, moves or asks the driver for something.
private func isHandled(_ key: Key, from starts: [TutorState]) -> Bool {
    starts.contains { start in
        var state = start
        let effects = state.update(key)
        return !effects.isEmpty || fingerprint(state) != fingerprint(start)
    }
}

@Suite("Keys as data: one keymap drives update, help and hints")
struct KeymapTests {
    @Test func noKeyIsBoundTwiceInOneTable() {
        func check<Action>(_ table: [KeyBinding<Action>], _ name: String) {
            let keys = table.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "a key bound twice in \(name)")
        }
        check(Keymap.lesson, "lesson")
        check(Keymap.presentLesson, "presentLesson")
        check(Keymap.followerLesson, "followerLesson")
        check(Keymap.menu, "menu")
        check(Keymap.presentMenu, "presentMenu")
        check(Keymap.answer, "answer")
        check(Keymap.edit, "edit")
        check(Keymap.goTo, "goTo")
        check(Keymap.pointer, "pointer")
        check(Keymap.overview, "overview")
        check(Keymap.follow, "follow")
    }

    /// A presentation remote's keys step in --present mode; elsewhere PgDn/PgUp scroll the narration.
    @Test func theClickerKeysStepOnlyInPresentMode() {
        #expect(Keymap.presentLesson.action(for: .pageDown) == LessonAction.next)
        #expect(Keymap.presentLesson.action(for: .pageUp) == LessonAction.previous)
        #expect(Keymap.lesson.action(for: .pageDown) == LessonAction.scrollDown)
        for table in [Keymap.lesson, Keymap.presentLesson] {
            #expect(table.action(for: .character("]")) == LessonAction.scrollDown)
            #expect(table.action(for: .character("[")) == LessonAction.scrollUp)
        }
    }

    @Test(arguments: [(80, 24, false), (100, 30, false), (80, 24, true), (100, 30, true)])
    func everyLessonBindingIsInTheHelp(width: Int, height: Int, present: Bool) {
        var state = fakeState(width: width, height: height, options: TutorOptions(present: present))
        state.update(.character("?"))
        let screen = render(state)
        for binding in Keymap.lesson(present: present) {
            #expect(screen.contains(binding.label), "\(binding.label)")
            #expect(screen.contains(binding.help), "\(binding.help)")
        }
        // The answer box's and edit mode's summaries may wrap: read them as words.
        let words = screen.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        for binding in Keymap.answer {
            #expect(words.contains("\(binding.label) \(binding.help)"), "\(binding.label)")
        }
        for binding in Keymap.edit {
            #expect(words.contains("\(binding.label) \(binding.help)"), "\(binding.label)")
        }
    }

    @Test func everyMenuBindingIsInTheMenuHelp() {
        var state = fakeState()
        state.update([.character("m"), .character("?")])
        let screen = render(state)
        for binding in Keymap.menu {
            #expect(screen.contains(binding.label), "\(binding.label)")
            #expect(screen.contains(binding.help), "\(binding.help)")
        }
    }

    @Test(arguments: [false, true])
    func everyLessonBindingIsHandled(present: Bool) {
        var midWalk = fakeState(options: TutorOptions(present: present), step: 6)
        midWalk.message = nil
        var scrolled = midWalk
        scrolled.update(.character("]"))
        for binding in Keymap.lesson(present: present) {
            for key in binding.keys {
                #expect(isHandled(key, from: [midWalk, scrolled]), "\(binding.label): \(key)")
            }
        }
    }

    @Test func everyMenuBindingIsHandled() {
        var first = fakeState()
        first.update(.character("m"))
        var second = first
        second.update(.down)
        for binding in Keymap.menu {
            for key in binding.keys {
                #expect(isHandled(key, from: [first, second]), "\(binding.label): \(key)")
            }
        }
    }

    @Test func statusHintsComeFromTheKeymap() {
        let screen = render(fakeState(width: 160, step: 3))
        for hint in Keymap.hints(Keymap.lesson) {
            #expect(screen.contains(hint), "\(hint)")
        }
    }

    /// One key a line, in every mode's table, the keys in a column.
    @Test func helpTutorListsTheKeymap() {
        let lines = Keymap.discussion().split(separator: "\n").map(String.init)
        let tables = [Keymap.lesson.map { ($0.label, $0.help) }, Keymap.presentOnly.map { ($0.label, $0.help) },
                      Keymap.answer.map { ($0.label, $0.help) }, Keymap.choice.map { ($0.label, $0.help) },
                      Keymap.cellAnswer.map { ($0.label, $0.help) }, Keymap.edit.map { ($0.label, $0.help) },
                      Keymap.pointer.map { ($0.label, $0.help) }, Keymap.overview.map { ($0.label, $0.help) },
                      Keymap.menu.map { ($0.label, $0.help) }, Keymap.follow.map { ($0.label, $0.help) }]
        for table in tables {
            let column = 2 + table.map(\.0.count).max()! + 2
            for (label, help) in table {
                let line = "  " + label + String(repeating: " ", count: column - 2 - label.count) + help
                #expect(lines.contains(line), "no line '\(line)'")
            }
        }
        #expect(lines.filter { !$0.hasPrefix("  ") && !$0.isEmpty }
                == ["Keys in a lesson:", "With --present (instead):", "On a quiz or in practice:",
                    "On a multiple-choice quiz:", "On a which-cell quiz:", "In edit mode:",
                    "With the pointer on (x):", "In the overview (O):", "In the menu:",
                    "Following (cnn-tutor follow):"])
        // --present's own lines: the clicker, the narration's keys, and q that asks.
        #expect(Keymap.presentOnly.map(\.label) == ["PgDn PgUp", "PgDn PgUp", "]", "[", "q  Ctrl-C"])
    }

    /// The drill is a line-by-line session: the menu's `d` asks the driver to leave the screen and run it.
    @Test func drillFromTheMenuIsAnEffect() {
        var state = fakeState()
        _ = state.update(.character("m"))
        #expect(state.update(.character("d")) == [.openDrill])
        #expect(Keymap.menu(present: false).contains { $0.label == "d" && $0.help.hasPrefix("drill") })
    }

    /// `help play` is generated from the playground's keymap as `help tutor` is from the tutor's: a row per label.
    @Test func helpPlayListsThePlaygroundsKeymap() {
        let lines = PlaygroundKeymap.discussion().split(separator: "\n").map(String.init)
        let rows = PlaygroundKeymap.helpRows
        let column = 2 + rows.map(\.keys.count).max()! + 2
        #expect(lines.first == "Keys in the playground:")
        // Then the digit pad's keys under their own heading.
        #expect(lines.count == rows.count + 2 + DigitPadKeymap.helpRows.count)
        for (keys, action) in rows {
            let line = "  " + keys + String(repeating: " ", count: column - 2 - keys.count) + action
            #expect(lines.contains(line), "no line '\(line)'")
        }
        // Every binding is in it, and each key does what its row says.
        for binding in PlaygroundKeymap.bindings {
            let word = binding.help.split(separator: " ")[0]
            #expect(lines.contains { $0.hasPrefix("  " + binding.label + " ") && $0.contains(word) },
                    "\(binding.label)")
            for key in binding.keys { #expect(PlaygroundKeymap.action(for: key) == binding.action) }
        }
    }

    @Test func quitIsAnEffectNotAFlag() {
        var state = fakeState()
        #expect(state.update(.right).contains { if case .saveProgress = $0 { true } else { false } })
        #expect(state.update(.character("s")).isEmpty)
        #expect(state.update(.character("q")) == [.quit])
    }
}
