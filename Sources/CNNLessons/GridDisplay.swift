import CNNCore

/// How the grids of the lesson step being drawn show their values: the significant digits of the lesson's
/// `digits:` and the roles its `shade:` draws as shades. Set by the player around each step's planning and
/// frames, as the index base is, so that every grid builder reads it without a parameter through each plan.
struct GridDisplay: Sendable {
    var digits = NumberFormat.significantDigits
    var shadedRoles: Set<GridRole> = []

    @TaskLocal static var current = GridDisplay()

    init(digits: Int? = nil, shadedRoles: Set<GridRole> = []) {
        self.digits = digits ?? NumberFormat.significantDigits
        self.shadedRoles = shadedRoles
    }

    /// The display of lesson step `step` of `lesson`.
    init(_ lesson: Lesson, step: Int) {
        self.init(digits: lesson.displayDigits, shadedRoles: lesson.steps[step].computation?.shadedRoles ?? [])
    }

    /// A value as a grid cell prints it.
    func text(_ value: Double, scale: Double) -> String {
        NumberFormat.string(value, scale: scale, digits: digits)
    }
}
