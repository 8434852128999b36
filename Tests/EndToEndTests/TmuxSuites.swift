import Testing

/// Every suite that drives tmux, one at a time: `swift test` runs suites in parallel, and two or three tmux servers
/// starting together on a loaded machine left a first session's screen empty past its 30 s deadline. Swift Testing
/// runs the suites nested in a serialized suite one after another, here on a thread of their own (`TmuxLane`).
@Suite(.serialized, .onTmuxLane) enum TmuxSuites {}
