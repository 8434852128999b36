/// The menu of lessons: each key is looked up in `Keymap.menu` (`presentMenu` in --present mode), and the action
/// performed.
extension TutorState {
    mutating func updateMenu(_ key: Key, menu: MenuState) {
        var menu = menu
        if menu.confirmingQuit {
            menu.confirmingQuit = false
            mode = .menu(menu)
            if Self.isYes(key) { effects.append(.quit) } else { message = "not quitting" }
            return
        }
        guard let action = Keymap.menu(present: options.present).action(for: key) else { return }
        let last = max(0, entries.count - 1)
        switch action {
        case .up: menu.selection = max(0, menu.selection - 1)
        case .down: menu.selection = min(last, menu.selection + 1)
        case .first: menu.selection = 0
        case .last: menu.selection = last
        case .open:
            openSelection(menu.selection)
            return
        case .back:
            if let lesson = menu.lesson { mode = .lesson(lesson) }
            return
        case .drill: effects.append(.openDrill)
        case .help: showingHelp = true
        case .quit:
            // In front of a class, a stray q must not end the lesson.
            if options.present { menu.confirmingQuit = true } else { effects.append(.quit) }
        }
        mode = .menu(menu)
    }

    private mutating func openSelection(_ selection: Int) {
        guard !entries.isEmpty else { return }
        if let problem = entries[selection].problem {
            message = "\(entries[selection].id) cannot be played: \(problem)"
        } else {
            open(selection, at: nil)
        }
    }

    /// Leaves the lesson for the menu, with that lesson chosen and kept to go back to.
    mutating func showMenu() {
        guard let view = lessonView else { return }
        mode = .menu(MenuState(selection: view.index, lesson: view))
    }
}
