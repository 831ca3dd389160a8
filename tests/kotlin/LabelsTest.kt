package app.yaohao.tests

import app.yaohao.core.*
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

/** Portal names and labels the apps show, from the library rather than hard-coded in the shells. */
class LabelsTest {
    @Test
    fun everyPortalNameMapsBackToItsMaterial() {
        assertEquals("id_front", documentPortalName(DocumentKind.ID_CARD_FRONT))
        assertEquals("driving_licence", documentPortalName(DocumentKind.DRIVING_LICENCE))
        assertEquals("tax_proof", documentPortalName(DocumentKind.TAX_PROOF))
        assertNull(documentPortalName(DocumentKind.ADDRESS_PROOF))
        for (kind in DocumentKind.values()) {
            documentPortalName(kind)?.let { assertEquals(kind, documentKindForPortalName(it)) }
        }
        assertNull(documentKindForPortalName("passport"))
    }

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
