/// + and −: the grids, their numbers and the formula larger or smaller, down to the compact layout.
extension TutorState {
    mutating func zoom(by step: Int) {
        options.zoom = Zoom.steps(options.zoom, by: step, fits: options.present)
        message = Zoom(steps: options.zoom, fits: options.present, width: width, height: height).description
    }
}
