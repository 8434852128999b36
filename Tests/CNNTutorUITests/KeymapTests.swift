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
        check(Keymap.menu, "menu")
        check(Keymap.answer, "answer")
        check(Keymap.edit, "edit")
        check(Keymap.goTo, "goTo")
    }

    @Test(arguments: [(80, 24), (100, 30)])
    func everyLessonBindingIsInTheHelp(size: (Int, Int)) {
        var state = fakeState(width: size.0, height: size.1)
        state.update(.character("?"))
        let screen = render(state)
        for binding in Keymap.lesson {
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

    @Test func everyLessonBindingIsHandled() {
        var midWalk = fakeState(step: 6)
        midWalk.message = nil
        var scrolled = midWalk
        scrolled.update(.pageDown)
        for binding in Keymap.lesson {
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
        let tables = [Keymap.lesson.map { ($0.label, $0.help) }, Keymap.answer.map { ($0.label, $0.help) },
                      Keymap.edit.map { ($0.label, $0.help) }, Keymap.menu.map { ($0.label, $0.help) }]
        for table in tables {
            let column = 2 + table.map(\.0.count).max()! + 2
            for (label, help) in table {
                let line = "  " + label + String(repeating: " ", count: column - 2 - label.count) + help
                #expect(lines.contains(line), "no line '\(line)'")
            }
        }
        #expect(lines.filter { !$0.hasPrefix("  ") && !$0.isEmpty }
                == ["Keys in a lesson:", "On a quiz or in practice:", "In edit mode:", "In the menu:"])
    }

    @Test func quitIsAnEffectNotAFlag() {
        var state = fakeState()
        #expect(state.update(.right).contains { if case .saveProgress = $0 { true } else { false } })
        #expect(state.update(.character("s")).isEmpty)
        #expect(state.update(.character("q")) == [.quit])
    }
}
