package app.yaohao.presentation

import app.yaohao.core.Field
import app.yaohao.core.Reason
import app.yaohao.core.validateField

/** The core's problems with one typed value; none for a blank value (nothing typed yet). */
fun fieldProblems(field: Field, value: String): List<Reason> =
    if (value.isBlank()) emptyList() else validateField(field, value).errors

/** The problem shown for a required field left blank. */
val requiredReason = Reason("required", "此项必填", "This field is required")
