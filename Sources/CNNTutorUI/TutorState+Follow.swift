import CNNLessons
import CNNShare

/// A follower (`cnn-tutor follow PATH`): attached, it shows the presenter's lesson, step, conventions, numbers
/// and pointer, and takes no key but `Keymap.follow`'s; detached (`d`), it is a tutor of its own until `a`.
public struct FollowState: Sendable {
    /// The share file, as given: the status line names it.
    public let path: String
    public internal(set) var isAttached = true
    /// The presenter's latest share: shown while attached, and on `a`.
    public internal(set) var latest: ClassroomShare?
    /// Why the presenter's view cannot be shown now (the file is missing, hostile, for another lesson); nil
    /// when it is shown.
    public internal(set) var problem: String?
    /// The numbers and conventions the open lesson was recomputed for: a share that only moves the step does
    /// not recompute it.
    var shownNumbers: SharedNumbers?
}

extension TutorState {
    /// Makes this tutor follow the share file at `path`, attached; it says so until the first reading arrives.
    public mutating func startFollowing(_ path: String) {
        following = FollowState(path: path, problem: "reading the share file…")
    }

    /// Takes what the follower's poll of the share file found.
    ///
    /// - Returns: whether anything on screen may have changed.
    @discardableResult
    public mutating func receive(_ reading: ShareReading) -> Bool {
        guard var follow = following else { return false }
        switch reading {
        case .unchanged:
            return false
        case .problem(let problem):
            follow.problem = "share file \(problem.message) · retrying"
            following = follow
        case .share(let share):
            follow.latest = share
            follow.problem = nil
            following = follow
            if follow.isAttached { show(share) }
        }
        return true
    }

    /// `Keymap.follow`'s keys; while attached every other key is refused. Returns whether the key was taken.
    mutating func updateFollowing(_ key: Key) -> Bool {
        guard let follow = following else { return false }
        switch Keymap.follow.action(for: key) {
        case .detach:
            detach(follow)
        case .attach:
            attach(follow)
        case .help where follow.isAttached:
            showingHelp = true
        case .quit where follow.isAttached:
            effects.append(.quit)
        default:
            guard follow.isAttached else { return false }
            message = "following the presenter: d explores on your own (a comes back)"
        }
        return true
    }

    private mutating func detach(_ follow: FollowState) {
        guard follow.isAttached else {
            message = "already exploring on your own: a follows the presenter again"
            return
        }
        following?.isAttached = false
        message = "exploring on your own: a follows the presenter again"
    }

    private mutating func attach(_ follow: FollowState) {
        guard !follow.isAttached else {
            message = "already following the presenter"
            return
        }
        following?.isAttached = true
        // What the student changed while exploring is not the presenter's: recompute from the lesson's own numbers.
        following?.shownNumbers = nil
        isBlackedOut = false
        if let share = follow.latest { show(share) } else { message = "following the presenter again" }
    }

    /// Shows what the presenter shows; on a share this tutor cannot show, keeps its screen and says why.
    private mutating func show(_ share: ClassroomShare) {
        guard let index = entries.firstIndex(where: { $0.id == share.lesson }) else {
            following?.problem = "the presenter's lesson \"\(share.lesson)\" is not among this tutor's lessons "
                + "(add its folder with --lessons DIR)"
            return
        }
        guard following?.shownNumbers == share.numbers, lessonIndex == index else {
            recompute(share, index: index)
            return
        }
        guard share.step <= entries[index].stepCount else {
            following?.problem = "share file is at step \(share.step) of \(share.lesson), which has steps 1 to "
                + "\(entries[index].stepCount) here"
            return
        }
        present(share, index: index)
    }

    /// The lesson recomputed with the presenter's numbers and conventions, then shown at the share's step.
    private mutating func recompute(_ share: ClassroomShare, index: Int) {
        guard let original = entries[index].original as? LessonPlayer else {
            following?.problem = "the presenter's lesson \"\(share.lesson)\" cannot be played here: "
                + (entries[index].problem ?? "it is not a lesson file")
            return
        }
        do {
            let player = try share.player(from: original)
            entries[index].current = player
            entries[index].isModified = !share.edits.isEmpty
            following?.shownNumbers = share.numbers
            conventions = share.conventions
            quizFeedback = [:]
            present(share, index: index)
        } catch {
            following?.problem = "share file \(error.message)"
        }
    }

    /// The lesson at the share's step, with the presenter's symbols and pointer; whatever was open closes.
    private mutating func present(_ share: ClassroomShare, index: Int) {
        showSymbols = share.symbols
        showingHelp = false
        mode = .lesson(LessonView(index: index, step: share.step - 1, practice: PracticeState()))
        refreshFrame()
        // A pointer off this frame's grids is the file's mistake: the frame is shown without it.
        guard let pointer = share.pointer, let grids = frame?.grids, pointer.grid < grids.count,
              pointer.row < grids[pointer.grid].rowCount, pointer.column < grids[pointer.grid].columnCount else {
            return
        }
        lessonView?.input = .pointer(GridPointer(grid: pointer.grid, row: pointer.row, column: pointer.column))
    }
}
