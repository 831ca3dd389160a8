package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Checkbox
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.Member
import app.yaohao.core.Relation
import app.yaohao.presentation.calculator.CalculatorModel
import app.yaohao.presentation.calculator.CalculatorState
import app.yaohao.presentation.calculator.OddsState
import app.yaohao.presentation.calculator.PointsState

/** Family points (with the formula) and the odds of the next draw, computed by the core. */
@Composable
fun CalculatorScreen() {
    CountRecomposition("calculator")
    val model = rememberHolder { scope -> CalculatorModel(scope) }
    val state by model.state.collectAsStateWithLifecycle()
    CalculatorContent(state, model::editFamily, model::editOdds)
}

/** The calculators' content: each family member on a row with its relation, ladder steps and removal. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun CalculatorContent(
    state: CalculatorState,
    editFamily: (((PointsState) -> PointsState)) -> Unit,
    editOdds: (((OddsState) -> OddsState)) -> Unit,
) {
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Text(tr("points_title"), style = MaterialTheme.typography.titleMedium)
        state.points.members.forEachIndexed { index, member ->
            // The relation and the remove button on a line of their own, then the member's two
            // points inputs at full width, so no label is squeezed.
            Column(modifier = Modifier.testTag("member:$index")) {
                Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Text(tr(member.relation.label()), style = MaterialTheme.typography.titleSmall, modifier = Modifier.weight(1f).testTag("relation:$index"))
                    if (member.relation != Relation.MAIN) {
                        val description = tr("action_remove") + " " + tr(member.relation.label())
                        TextButton(
                            onClick = { editFamily { s -> s.copy(members = s.members.filterIndexed { i, _ -> i != index }) } },
                            modifier = Modifier.testTag("remove:$index").semantics { contentDescription = description },
                        ) {
                            Text(tr("action_remove"))
                        }
                    }
                }
                NumberField(tr("points_ladder"), member.ladderSteps, Modifier.testTag("ladder:$index")) { steps ->
                    editFamily { s -> s.copy(members = s.members.replaced(index, member.copy(ladderSteps = steps))) }
                }
                NumberField(tr("points_nev_years"), member.nevQueueFullYears, Modifier.testTag("nev:$index")) { years ->
                    editFamily { s -> s.copy(members = s.members.replaced(index, member.copy(nevQueueFullYears = years))) }
                }
            }
        }
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            listOf(Relation.SPOUSE, Relation.CHILD, Relation.PARENT, Relation.SPOUSE_PARENT).forEach { relation ->
                OutlinedButton(
                    onClick = { editFamily { s -> s.copy(members = s.members + Member(relation, 0u, 0u)) } },
                    modifier = Modifier.testTag("add:${relation.name}"),
                ) {
                    Text("+ " + tr(relation.label()))
                }
            }
        }
        NumberField(tr("points_family_years"), state.points.familyFullYears) { years ->
            editFamily { it.copy(familyFullYears = years) }
        }
        state.points.points?.let {
            Text(tr("points_total", it.total.toInt(), it.formula), style = MaterialTheme.typography.titleLarge, modifier = Modifier.testTag("points"))
        }
        ErrorBanner(state.points.error)

        HorizontalDivider()
        Text(tr("odds_title"), style = MaterialTheme.typography.titleMedium)
        NumberField(tr("odds_pool"), state.odds.poolSize.toUInt()) { n -> editOdds { it.copy(poolSize = n.toULong()) } }
        NumberField(tr("odds_quota"), state.odds.quota.toUInt()) { n -> editOdds { it.copy(quota = n.toULong()) } }
        NumberField(tr("odds_draws"), state.odds.unsuccessfulDraws) { n -> editOdds { it.copy(unsuccessfulDraws = n) } }
        Row(verticalAlignment = Alignment.CenterVertically) {
            Checkbox(checked = state.odds.c5, onCheckedChange = { c5 -> editOdds { it.copy(c5 = c5) } })
            Text(tr("field_c5"))
        }
        state.odds.odds?.let { odds ->
            Text(tr("odds_one_in", odds.oneIn), style = MaterialTheme.typography.titleLarge)
            Text(tr("odds_wait", odds.medianDraws.toInt(), odds.medianYears))
            OddsChart(odds, modifier = Modifier.padding(top = 8.dp))
        }
        ErrorBanner(state.odds.error)
    }
}

/** A whole-number field (blank counts as 0). */
@Composable
fun NumberField(label: String, value: UInt, modifier: Modifier = Modifier, onChange: (UInt) -> Unit) {
    CheckedField(
        label = label,
        value = if (value == 0u) "" else value.toString(),
        problems = null,
        onValueChange = { typed -> onChange(typed.filter(Char::isDigit).take(9).toUIntOrNull() ?: 0u) },
        keyboardType = KeyboardType.Number,
        modifier = modifier,
    )
}

private fun <T> List<T>.replaced(index: Int, item: T): List<T> = mapIndexed { i, old -> if (i == index) item else old }

/** The label of a family relation. */
fun Relation.label(): String = when (this) {
    Relation.MAIN -> "relation_main"
    Relation.SPOUSE -> "relation_spouse"
    Relation.CHILD -> "relation_child"
    Relation.PARENT -> "relation_parent"
    Relation.SPOUSE_PARENT -> "relation_spouse_parent"
    Relation.OTHER -> "relation_other"
}
