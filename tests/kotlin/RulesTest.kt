package app.yaohao.tests

import app.yaohao.core.*
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import kotlin.test.assertFailsWith

/** Validation, eligibility, points and odds through the real library. */
class RulesTest {
    @Test
    fun validateFieldNormalizesAndExplains() {
        val ok = validateField(Field.ID, "11010519491231002x")
        assertTrue(ok.valid)
        assertEquals("11010519491231002X", ok.normalized)

        val bad = validateField(Field.ADDRESS, "北京朝阳区建国路88号")
        assertFalse(bad.valid)
        assertEquals("address_city", bad.errors.first().code)
        assertEquals("北京市朝阳区建国路88号", bad.normalized)
    }

    @Test
    fun rareCharactersSurviveTheRoundTrip() {
        val name = "王\uD840\uDC00\uE000"
        val v = validateField(Field.NAME, name)
        assertTrue(v.valid)
        assertEquals(name, v.normalized)
    }

    @Test
    fun licenceNumberMixUp() {
        val v = validateLicenceFile("11010519491231002X", "11010519491231002X")
        assertEquals(listOf("licence_file_is_licence_number"), v.errors.map { it.code })
    }

    @Test
    fun familyPointsWorkedExample() {
        val family = Family(
            2u, 0u,
            listOf(Member(Relation.MAIN, 5u, 0u), Member(Relation.SPOUSE, 5u, 0u), Member(Relation.CHILD, 0u, 0u)),
        )
        val points: FamilyPoints = familyPoints(family)
        assertEquals(54u, points.total)
        val members: List<MemberPoints> = points.members
        assertEquals(listOf(Relation.MAIN, Relation.SPOUSE, Relation.CHILD), members.map { it.relation })
        assertEquals("((7+6)×2+1)×2 = 54", points.formula)
    }

    @Test
    fun invalidFamilyThrowsInvalidInput() {
        assertFailsWith<YaohaoException.InvalidInput>("a one-person family was accepted") {
            familyPoints(Family(null, 0u, listOf(Member(Relation.MAIN, 0u, 0u))))
        }.let { e ->
            assertEquals("members", e.field)
            assertEquals("family_size", e.code)
            assertTrue(e.messageZh.contains("2 人"))
        }
    }

    @Test
    fun ladderAndOdds() {
        assertEquals(4u, ladderWeight(37u, true))
        val odds: Odds = estimateOdds(OddsInput(3_647_274uL, 17_804uL, 1u, null, false, 6.0))
        assertEquals(205.4, odds.oneIn, 0.5)
        // The chart: the chance of having won within n draws rises to 99 %.
        val curve: List<OddsPoint> = odds.curve
        assertTrue(curve.zipWithNext().all { (a, b) -> a.draws < b.draws && a.probability <= b.probability })
        assertTrue(curve.last().probability >= 0.99)
        assertEquals(curve.first().draws.toDouble() / 6.0, curve.first().years, 1e-9)
        assertFailsWith<YaohaoException.InvalidInput>("an empty pool was accepted") {
            estimateOdds(OddsInput(0uL, 1uL, 1u, null, false, 6.0))
        }.let { e ->
            assertEquals("pool_size", e.code)
        }
    }

    @Test
    fun eligibilityListsEveryFailure() {
        val facts = PersonFacts(
            "2010-01-01",
            Residence.ResidencePermit("2030-01-01", 10u, 60u),
            null, false, false,
        )
        val e: Eligibility = checkIndividualEligibility(facts, "2026-11-23")
        assertFalse(e.eligible)
        assertEquals(listOf("social_insurance_months", "age", "licence_missing"), e.failures.map { it.code })
    }
}
