package app.yaohao.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
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
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.app.R
import app.yaohao.app.ui.CheckedField
import app.yaohao.app.ui.ErrorBanner
import app.yaohao.app.ui.rememberHolder
import app.yaohao.core.Member
import app.yaohao.core.Relation
import app.yaohao.presentation.calculator.CalculatorModel

/** Family points (with the formula) and the odds of the next draw, computed by the core. */
@Composable
fun CalculatorScreen() {
    val model = rememberHolder { scope -> CalculatorModel(scope) }
    val state by model.state.collectAsStateWithLifecycle()

    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Text(stringResource(R.string.points_title), style = MaterialTheme.typography.titleMedium)
        state.points.members.forEachIndexed { index, member ->
            Row(verticalAlignment = Alignment.CenterVertically) {
                Text(stringResource(member.relation.label()), modifier = Modifier.weight(1f))
                NumberField(stringResource(R.string.points_ladder), member.ladderSteps) { steps ->
                    model.editFamily { s -> s.copy(members = s.members.replaced(index, member.copy(ladderSteps = steps))) }
                }
                if (member.relation != Relation.MAIN) {
                    TextButton(onClick = { model.editFamily { s -> s.copy(members = s.members.filterIndexed { i, _ -> i != index }) } }) {
                        Text(stringResource(R.string.action_remove))
                    }
                }
            }
        }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            listOf(Relation.SPOUSE, Relation.CHILD, Relation.PARENT, Relation.SPOUSE_PARENT).forEach { relation ->
                OutlinedButton(onClick = { model.editFamily { s -> s.copy(members = s.members + Member(relation, 0u, 0u)) } }) {
                    Text(stringResource(relation.label()))
                }
            }
        }
        NumberField(stringResource(R.string.points_family_years), state.points.familyFullYears) { years ->
            model.editFamily { it.copy(familyFullYears = years) }
        }
        state.points.points?.let { Text(stringResource(R.string.points_total, it.total.toInt(), it.formula), style = MaterialTheme.typography.titleLarge) }
        ErrorBanner(state.points.error)

        HorizontalDivider()
        Text(stringResource(R.string.odds_title), style = MaterialTheme.typography.titleMedium)
        NumberField(stringResource(R.string.odds_pool), state.odds.poolSize.toUInt()) { n -> model.editOdds { it.copy(poolSize = n.toULong()) } }
        NumberField(stringResource(R.string.odds_quota), state.odds.quota.toUInt()) { n -> model.editOdds { it.copy(quota = n.toULong()) } }
        NumberField(stringResource(R.string.odds_draws), state.odds.unsuccessfulDraws) { n -> model.editOdds { it.copy(unsuccessfulDraws = n) } }
        Row(verticalAlignment = Alignment.CenterVertically) {
            Checkbox(checked = state.odds.c5, onCheckedChange = { c5 -> model.editOdds { it.copy(c5 = c5) } })
            Text(stringResource(R.string.field_c5))
        }
        state.odds.odds?.let { odds ->
            Text(stringResource(R.string.odds_one_in, odds.oneIn), style = MaterialTheme.typography.titleLarge)
            Text(stringResource(R.string.odds_wait, odds.medianDraws.toInt(), odds.medianYears))
        }
        ErrorBanner(state.odds.error)
    }
}

/** A whole-number field (blank counts as 0). */
@Composable
private fun NumberField(label: String, value: UInt, onChange: (UInt) -> Unit) {
    CheckedField(
        label = label,
        value = if (value == 0u) "" else value.toString(),
        problems = null,
        onValueChange = { typed -> typed.filter(Char::isDigit).take(9).toUIntOrNull().let { onChange(it ?: 0u) } },
        keyboardType = KeyboardType.Number,
    )
}

private fun <T> List<T>.replaced(index: Int, item: T): List<T> = mapIndexed { i, old -> if (i == index) item else old }

/** The label of a family relation. */
fun Relation.label(): Int = when (this) {
    Relation.MAIN -> R.string.relation_main
    Relation.SPOUSE -> R.string.relation_spouse
    Relation.CHILD -> R.string.relation_child
    Relation.PARENT -> R.string.relation_parent
    Relation.SPOUSE_PARENT -> R.string.relation_spouse_parent
    Relation.OTHER -> R.string.relation_other
}
