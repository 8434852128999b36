/// A problem as JSON (`cnn-tutor problem --json`, sheets, other tools): every grid, setting, the answer, the worked
/// terms, hints and slips. Fractions are strings ("13/4", "-3"); rows and columns are 0-based; the seed is a
/// decimal string, since a 64-bit seed does not survive a JSON parser that reads numbers as doubles.
extension Problem {
    public var json: JSONValue {
        .object([
            JSONMember("kind", .string(kind.rawValue)),
            JSONMember("seed", .string(String(seed))),
            JSONMember("parameters", .object(parameters.map { JSONMember($0.name, .integer($0.value)) })),
            JSONMember("grids", .array(grids.map(\.json))),
            JSONMember("question", .string(question)),
            JSONMember("answer", .string(answer.description)),
            JSONMember("working", working.json),
            JSONMember("hints", .array(hints.map(JSONValue.string))),
            JSONMember("mistakes", .array(mistakes.map(\.json))),
        ])
    }
}

extension ProblemGrid {
    var json: JSONValue {
        .object([JSONMember("name", .string(name)), JSONMember("caption", .string(caption)),
                 JSONMember("rows", .array(rows.map { .array($0.map(JSONValue.integer)) }))])
    }
}

extension KnownMistake {
    var json: JSONValue {
        .object([JSONMember("kind", .string(kind.rawValue)), JSONMember("value", .string(value.description)),
                 JSONMember("message", .string(message))])
    }
}

extension Working {
    var json: JSONValue {
        var combination = [JSONMember("combination", .string("sum"))]
        switch self.combination {
        case .sum: break
        case .maximum: combination = [JSONMember("combination", .string("maximum"))]
        case .mean(let divisor):
            combination = [JSONMember("combination", .string("mean")), JSONMember("divisor", .integer(divisor))]
        }
        let steps = self.steps.map {
            JSONValue.object([JSONMember("name", .string($0.name)), JSONMember("numbers", .string($0.numbers)),
                              JSONMember("value", .integer($0.value))])
        }
        return .object([JSONMember("target", .string(target))] + combination + [
            JSONMember("terms", .array(terms.map(\.json))),
            JSONMember("bias", bias?.json ?? .null),
            JSONMember("steps", .array(steps)),
            JSONMember("result", .string(result.description)),
            JSONMember("line", .string(line)),
        ])
    }
}

extension WorkedTerm {
    var json: JSONValue {
        .object([JSONMember("operands", .array(operands.map(\.json))),
                 JSONMember("product", .string(product.description)),
                 JSONMember("running", .string(running.description))])
    }
}

extension Operand {
    var json: JSONValue {
        .object([JSONMember("grid", .string(grid)), JSONMember("row", row.map(JSONValue.integer) ?? .null),
                 JSONMember("column", column.map(JSONValue.integer) ?? .null),
                 JSONMember("value", .string(value.description)), JSONMember("padding", .bool(isPadding)),
                 JSONMember("symbol", .string(symbol))])
    }
}
