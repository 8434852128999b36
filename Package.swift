// swift-tools-version:6.1
import PackageDescription

/// The math, the lessons and the screens, optimized in debug builds too: the tests run them over every frame of
/// every lesson, and -Onone made `swift test` take minutes. Swift does not reassociate or fuse floating-point
/// arithmetic at -O, so every number is the same bit for bit (the golden and retraining tests check it).
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

// Linux only (Debian 12 and the like): the terminal, signal and progress code calls glibc and ncursesw directly,
// so the package claims no Apple platform.
let package = Package(
    name: "cnn-tutor",
    products: [
        .executable(name: "cnn-tutor", targets: ["cnn-tutor"]),
        .library(name: "CNNCore", targets: ["CNNCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // The math: tensors, convolution, pooling, gradients and their term-by-term explanations. No I/O.
        .target(name: "CNNCore", dependencies: ["CConvolutionKernel"], swiftSettings: optimizedInDebug),
        // The forward kernel in AVX2 and AVX-512 (chosen at run time), without contraction into fused multiply-adds.
        .target(name: "CConvolutionKernel", cSettings: [.unsafeFlags(["-ffp-contract=off", "-O3"])]),
        // Lesson-derived text (a stranger's) made inert for every output: terminal, Markdown, Python, LaTeX.
        .target(name: "CNNSafeText"),
        // What the build embeds: Lessons/*.yaml and the commit, so that the binary alone is the whole tutor.
        .target(name: "CNNBundle", plugins: ["EmbedLessons"]),
        .plugin(name: "EmbedLessons", capability: .buildTool(), dependencies: ["embed-lessons"]),
        .executableTarget(name: "embed-lessons"),
        // Trains the networks the lessons load by name and embeds their weights (by hand: `swift run train-bundled`).
        .executableTarget(name: "train-bundled", dependencies: ["CNNNetwork"]),
        // One YAML document as a node tree (mappings, sequences, scalars with their marks), from LibYAML's parser:
        // standard library only, for Yams' `import Foundation` links ICU's 34 MB of data into the binary.
        .target(name: "YAMLDocument", dependencies: ["CLibYAML"]),
        // LibYAML's reader, scanner and parser, vendored (Sources/CLibYAML/README.md). YAML_DECLARE_STATIC as Yams
        // builds it: no dllimport declarations.
        .target(name: "CLibYAML", exclude: ["License", "README.md"], cSettings: [.define("YAML_DECLARE_STATIC")]),
        // Lesson files → renderer-independent frames. Knows nothing of terminals.
        .target(
            name: "CNNLessons",
            dependencies: [
                "CNNCore", "CNNSafeText", "CNNBundle", "CNNNetwork", "YAMLDocument",
            ],
            // A file sees the members of the modules it imports, not Foundation's through CNNCore's import: what
            // FoundationEssentials lacks fails here, not after a dependency drops Foundation.
            swiftSettings: optimizedInDebug + [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // Network training: the bundled 8×8 digits and a tiny CNN trained with the core's own operations, and the
        // weights it trained, embedded for the lessons.
        .target(name: "CNNNetwork", dependencies: ["CNNCore"], swiftSettings: optimizedInDebug),
        // Plain text, markdown and JSON printers of frames and grids.
        .target(
            name: "CNNText", dependencies: ["CNNCore", "CNNLessons", "CNNSafeText", "CNNNetwork"],
            swiftSettings: optimizedInDebug
        ),
        // The classroom share file: what a presenter publishes and a follower shows, read as hostile input.
        .target(name: "CNNShare", dependencies: ["CNNCore", "CNNLessons", "CNNSafeText", "CNNFiles"]),
        // Files replaced whole by rename, never written through a planted link: progress, drill, share files.
        .target(name: "CNNFiles"),
        // Notices that a lesson file changed (`--watch`): polled identity and bytes, no background thread.
        .target(name: "CNNFileWatch", dependencies: ["CNNFiles"]),
        // The interactive tutor as state → update(key) → view(state): a screen of cells, no ncurses.
        .target(
            name: "CNNTutorUI", dependencies: ["CNNCore", "CNNLessons", "CNNSafeText", "CNNShare", "CNNNetwork"],
            swiftSettings: optimizedInDebug
        ),
        // `cnn-tutor train` live as state → update(key) → view(state): plots, filters and progress on a screen.
        .target(name: "CNNTrainingUI", dependencies: ["CNNNetwork", "CNNTutorUI"]),
        // Seeded problems of every kind the lessons ask: answers, worked terms, hints and named slips. No I/O.
        .target(name: "CNNProblems", dependencies: ["CNNCore"], swiftSettings: optimizedInDebug),
        // Exams, their checksummed result files and the gradebook report read from hand-ins.
        .target(name: "CNNCoursework", dependencies: ["CNNCore", "CNNProblems", "CNNSafeText"]),
        // Endless drills of seeded problems, kinds chosen by Leitner boxes, the answers merged into drill.json.
        .target(name: "CNNDrill", dependencies: ["CNNProblems", "CNNCoursework", "CNNSafeText", "CNNTutorUI"]),
        // Exercise sheets and answer keys from lessons' quizzes or seeded problems: LaTeX documents and Markdown.
        .target(name: "CNNSheets", dependencies: ["CNNCore", "CNNLessons", "CNNProblems", "CNNSafeText", "CNNText"]),
        // ncurses itself, drawing the screens CNNTutorUI computes.
        // No pkgConfig: ncursesw.pc adds -D flags SwiftPM refuses with a warning; shim.h asks for the wide API.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CNNTerminal", dependencies: ["CNNTutorUI", "CNCurses"]),
        .executableTarget(
            name: "cnn-tutor",
            dependencies: [
                "CNNCore", "CNNLessons", "CNNText", "CNNTutorUI", "CNNTerminal", "CNNSafeText", "CNNBundle", "CNNShare",
                "CNNNetwork", "CNNTrainingUI", "CNNProblems", "CNNCoursework", "CNNSheets", "CNNDrill",
                "CNNFileWatch", "CNNFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and FoundationEssentials linked in: a start without the dynamic loader binding
            // thousands of symbols across a dozen libraries (Benchmarks/startup.sh). Compiled with the flag too, so
            // that its imports name the static libraries they need.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(configuration: .release))]
        ),
        // In-process timings for Benchmarks/run.sh; not a test.
        .executableTarget(
            name: "cnn-tutor-bench", dependencies: ["CNNCore", "CNNLessons", "CNNTutorUI", "CNNNetwork"]
        ),
        // Composing the bundled lessons with YAMLDocument and with Yams, for Benchmarks/yaml.sh; not a test. Yams is
        // linked here and in YAMLDocumentTests only, never into cnn-tutor.
        .executableTarget(
            name: "yaml-bench", dependencies: ["CNNBundle", "YAMLDocument", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "CNNCoreTests",
            dependencies: [
                "CNNCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "CNNSafeTextTests", dependencies: ["CNNSafeText"]),
        // YAMLDocument read against Yams (a test dependency only) on every YAML file of the package and on
        // generated documents.
        .testTarget(
            name: "YAMLDocumentTests",
            dependencies: [
                "YAMLDocument", .product(name: "Yams", package: "Yams"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CNNNetworkTests",
            dependencies: [
                "CNNNetwork", "CNNTrainingUI", "CNNCore", "CNNTutorUI",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CNNCourseworkTests",
            dependencies: ["CNNCore", "CNNProblems", "CNNCoursework", "CNNTutorUI", "CNNDrill"]
        ),
        .testTarget(name: "CNNDrillTests", dependencies: ["CNNProblems", "CNNDrill", "CNNTutorUI"]),
        .testTarget(name: "CNNSheetsTests", dependencies: ["CNNCore", "CNNLessons", "CNNProblems", "CNNSheets"]),
        .testTarget(name: "CLITests", dependencies: ["CNNCore", "CNNLessons"]),
        .testTarget(
            name: "CNNLessonsTests", dependencies: ["CNNCore", "CNNLessons", "CNNText", "CNNBundle"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "CNNTutorUITests",
            dependencies: ["CNNTutorUI", "CNNLessons", "CNNNetwork", "CNNShare",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "CNNShareTests", dependencies: ["CNNShare", "CNNLessons", "CNNCore", "CNNFiles"]),
        .testTarget(name: "CNNFileWatchTests", dependencies: ["CNNFileWatch"]),
        // Drives the real binary in tmux; skips, saying why, where tmux is missing.
        .testTarget(name: "EndToEndTests"),
    ]
)
