import Foundation
import Testing
import TitleBridgeCore

@Suite("English that reads as English — articles, plurals, no doubled names")
struct EnglishTextTests {
    @Test("The article follows the first sound of the word after it")
    func articles() {
        let expected: [(String, String)] = [
            ("engineering technology", "an"), ("information technology", "an"), ("associate senior", "an"),
            ("intermediate", "an"), ("associate degree", "an"), ("hour", "an"), ("Engineer", "an"),
            ("junior", "a"), ("biomedicine", "a"), ("finance and management", "a"), ("master's degree", "a"),
            ("bachelor's degree", "a"), ("doctorate", "a"), ("university degree", "a"), ("one-year course", "a"),
            ("European certificate", "a"), ("", "a"),
        ]
        for (word, article) in expected {
            #expect(EnglishText.article(word) == article, "\(article) \(word)")
        }
        #expect(EnglishText.article("engineering technology").capitalisedFirst == "An")
        #expect("高级工程师".capitalisedFirst == "高级工程师")
        #expect("".capitalisedFirst == "")
    }

    @Test("A count takes the singular for one and the plural otherwise")
    func counts() {
        #expect(EnglishText.count(1, "year") == "1 year")
        #expect(EnglishText.count(0, "year") == "0 years")
        #expect(EnglishText.count(2, "month") == "2 months")
        #expect(EnglishText.count(1, "result") == "1 result")
        #expect(EnglishText.count(12, "working day") == "12 working days")
    }

    /// A wrong article before a vowel or a consonant sound, a plural after one, or a name
    /// repeated in brackets after itself ("accepted (Accepted)").
    static func problems(in sentence: String) throws -> [String] {
        var found: [String] = []
        let wrongA = try Regex(#"\b[Aa] (?!uni|use|usu|one|eu)[aeiouAEIOU]\w*"#)
        let wrongAn = try Regex(#"\b[Aa]n (?!hour|honest|honour)[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]\w*"#)
        let onePlural = try Regex(#"\b1 (years|months|days|working days|results|values|columns|rows)\b"#)
        for pattern in [wrongA, wrongAn, onePlural] {
            for match in sentence.matches(of: pattern) { found.append(String(sentence[match.range])) }
        }
        let bracketed = try Regex(#"(\w+) \((\w+)\)"#, as: (Substring, Substring, Substring).self)
        for match in sentence.matches(of: bracketed) where match.output.1.lowercased() == match.output.2.lowercased() {
            found.append(String(match.output.0))
        }
        return found
    }

    @Test("The sweep finds the faults it is for")
    func sweepFinds() throws {
        #expect(try Self.problems(in: "A engineering technology certificate leads to the engineering series.") == ["A engineering"])
        #expect(try Self.problems(in: "You hold a associate degree.") == ["a associate"])
        #expect(try Self.problems(in: "with 1 years of related work") == ["1 years"])
        #expect(try Self.problems(in: "The file has been accepted (Accepted); it cannot change.") == ["accepted (Accepted)"])
        #expect(try Self.problems(in: "An information technology certificate, a university degree and an hour; 1 year.").isEmpty)
    }

    @Test("Every clause of every rule case reads as English", arguments: RuleCase.all())
    func clauseSentences(_ rule: RuleCase) throws {
        let policy = try #require(RuleCaseTests.policies[rule.batch], "no policy \(rule.batch)")
        let profile = try JSONDecoder().decode(ApplicantProfile.self, from: rule.profile)
        for clause in EligibilityEngine(policy: policy).evaluate(profile).clauses {
            let problems = try Self.problems(in: clause.message.en)
            #expect(problems.isEmpty, "\(clause.id.rawValue): “\(clause.message.en)” — \(problems)")
        }
    }

    static func profile(field: String, series: String) -> Data {
        Data("""
        { "target": { "series": "\(series)", "level": "associateSenior" }, "employer": { "kind": "enterprise" },
          "currentTitle": null,
          "certificate": { "field": "\(field)", "titleSeries": "\(series)", "verifiedOn": "2024-08-20" },
          "education": [ { "degree": "bachelor", "discipline": "engineering", "awardedOn": "2010-06-30" } ],
          "work": [ { "from": "2010-07-01", "to": null, "inShanghai": true, "related": true } ],
          "attestations": { "lawAbiding": true, "professionalEthics": true, "dutiesFulfilled": true } }
        """.utf8)
    }

    @Test("A certificate's field takes “an” where its name begins with a vowel")
    func fieldSentences() throws {
        let policy = try #require(RuleCaseTests.policies["shanghai-2024-batch2"])
        let engine = EligibilityEngine(policy: policy)
        for (field, sentence) in [("engineeringTechnology", "An engineering technology certificate leads to the engineering series."),
                                  ("informationTechnology", "An information technology certificate leads to the engineering series.")] {
            let report = engine.evaluate(try JSONDecoder().decode(ApplicantProfile.self, from: Self.profile(field: field, series: "engineering")))
            let messages = report.clauses.map(\.message.en)
            #expect(messages.contains(sentence), "\(messages)")
        }
    }

    @Test("A table line with one value says “1 value”")
    func tableLine() throws {
        let csv = Data((VerificationResultsTable.columns.joined(separator: ",") + "\nCV2024-000001\n").utf8)
        let today = try #require(LocalDate(iso: "2024-09-10"))
        do throws(TableProblem) {
            _ = try VerificationResultsTable.results(from: try CSVTable.parse(csv), knownCodes: ["acca-fcca"], today: today)
            Issue.record("a one-value line was accepted")
        } catch {
            #expect(error.located.en == "line 2: This line has 1 value; the header has 6 columns.")
        }
    }
}
