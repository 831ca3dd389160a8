package app.yaohao.tests

import app.yaohao.core.*
import org.junit.Assert.assertEquals
import org.junit.Test

/** Labels the apps show, from the library rather than hard-coded in the shells. */
class LabelsTest {
    @Test
    fun materialsAndStatusesHaveChineseAndEnglishLabels() {
        val label: Text = documentLabel(DocumentKind.ID_CARD_FRONT)
        assertEquals("身份证人像面", label.zh)
        assertEquals("ID card (photo side)", label.en)
        assertEquals(Text("审核中", "Under review"), applicationStatusLabel(ApplicationStatus.UnderReview))
        assertEquals(Text("已中签", "Won"), applicationStatusLabel(ApplicationStatus.Won))
        // A status this build does not know shows the portal's own name.
        assertEquals(Text("suspended", "suspended"), applicationStatusLabel(ApplicationStatus.Other("suspended")))
    }
}
