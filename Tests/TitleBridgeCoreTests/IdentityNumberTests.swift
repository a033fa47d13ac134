import Testing
import TitleBridgeCore

@Suite("Identity numbers")
struct IdentityNumberTests {
    static let today = LocalDate(year: 2024, month: 9, day: 10) ?? LocalDate(dayNumber: 0)

    @Test("Valid numbers", arguments: [
        ("11010519491231002X", IdentityDocumentKind.residentID),
        ("440524188001010014", .residentID),
        ("11010119900307803x", .residentID),
        ("931840198506150015", .foreignPermanentResidentID),
        ("USA310012345678", .foreignPermanentResidentID),
        ("E12345678", .passport),
        ("K1234", .passport),
    ])
    func valid(number: String, kind: IdentityDocumentKind) {
        let result = IdentityNumber.validate(number, as: kind, today: Self.today)
        guard case .success(let identity) = result else {
            Issue.record("\(number) refused: \(result)")
            return
        }
        #expect(identity.normalized == number.uppercased())
    }

    @Test("Refused numbers say why", arguments: [
        ("110105194912310021", IdentityDocumentKind.residentID, IdentityNumberProblem.checkCharacter),
        ("440524188001010015", .residentID, .checkCharacter),
        ("110105194913310021", .residentID, .birthDate),
        ("11010520250101002X", .residentID, .birthDate),
        ("1101051949123100", .residentID, .format),
        ("01010519491231002X", .residentID, .format),
        ("931840198506150016", .foreignPermanentResidentID, .checkCharacter),
        ("931840198502300012", .foreignPermanentResidentID, .birthDate),
        ("831840198506150015", .foreignPermanentResidentID, .format),
        ("US3100123456789", .foreignPermanentResidentID, .format),
        ("E123", .passport, .format),
        ("E1234567890123456789X", .passport, .format),
        ("E-1234567", .passport, .format),
    ])
    func refused(number: String, kind: IdentityDocumentKind, problem: IdentityNumberProblem) {
        let result = IdentityNumber.validate(number, as: kind, today: Self.today)
        #expect(result == .failure(IdentityNumberError(problem: problem)))
    }

    @Test("Residence permits of Hong Kong, Macao and Taiwan residents use 81/82/83 regions")
    func residencePermits() {
        // 810000 + 19900101 + 001 + check character 9 (MOD 11-2).
        let permit = "810000199001010019"
        #expect((try? IdentityNumber.validate(permit, as: .hkMacaoTaiwanResidencePermit, today: Self.today).get())?.birthDate
                == LocalDate(year: 1990, month: 1, day: 1))
        #expect(IdentityNumber.validate(permit, as: .residentID, today: Self.today)
                == .failure(IdentityNumberError(problem: .wrongDocument)))
        #expect(IdentityNumber.validate("11010519491231002X", as: .hkMacaoTaiwanResidencePermit, today: Self.today)
                == .failure(IdentityNumberError(problem: .wrongDocument)))
    }

    @Test("Masked for those who need not see it whole")
    func masking() throws {
        let identity = try IdentityNumber.validate("11010519491231002X", as: .residentID, today: Self.today).get()
        #expect(identity.masked == "1101**********002X")
    }
}
