package app.yaohao.screens

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.PathEffect
import androidx.compose.ui.graphics.StrokeCap
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.unit.dp
import app.yaohao.core.Odds
import app.yaohao.core.OddsPoint

/** The chance the chart's description names besides the median: the first point of the curve at or above it. */
private const val HIGH = 0.9

/** The curve's point the description names for [HIGH] (the last point when the curve stops below it). */
internal fun Odds.highPoint(): OddsPoint? = curve.firstOrNull { it.probability >= HIGH } ?: curve.lastOrNull()

/**
 * What the chart shows, for TalkBack: "50 % within X years, 90 % within Y years", both read off the
 * core's answer (its median, and the curve's first point at 90 %), never computed here.
 */
@Composable
@ReadOnlyComposable
fun oddsChartDescription(odds: Odds): String {
    val median = tr("odds_chart_within", 50, odds.medianYears, odds.medianDraws.toInt())
    val high = odds.highPoint() ?: return median
    val percent = (high.probability * 100).toInt()
    return tr("odds_chart_description", median, tr("odds_chart_within", percent, high.years, high.draws.toInt()))
}

/**
 * The core's curve of the chance of having won within n draws (x: years, y: 0–100 %), drawn with
 * the theme's roles: the curve, the axes with their labels, the median marked with a dashed line.
 */
@Composable
fun OddsChart(odds: Odds, modifier: Modifier = Modifier) {
    val curve = odds.curve
    if (curve.isEmpty()) return
    val description = oddsChartDescription(odds)
    val scheme = MaterialTheme.colorScheme
    val labelStyle = MaterialTheme.typography.labelSmall.copy(color = scheme.onSurfaceVariant)
    val measurer = rememberTextMeasurer()
    val maxYears = curve.last().years.takeIf { it > 0.0 } ?: 1.0
    val yearsUnit = tr("odds_chart_axis_years")
    val medianLabel = tr("odds_chart_median", odds.medianYears)
    Column(modifier = modifier) {
        Text(tr("odds_chart_title"), style = MaterialTheme.typography.titleSmall)
        Canvas(
            modifier = Modifier.fillMaxWidth().height(180.dp).testTag("odds-chart").semantics { contentDescription = description },
        ) {
            val left = 40.dp.toPx()
            val bottom = size.height - 20.dp.toPx()
            val top = 8.dp.toPx()
            val right = size.width - 8.dp.toPx()
            fun x(years: Double) = left + ((years / maxYears).toFloat() * (right - left))
            fun y(probability: Double) = bottom - (probability.toFloat() * (bottom - top))

            // Grid and the y axis's labels: 0, 50 and 100 %.
            for (p in listOf(0.0, 0.5, 1.0)) {
                drawLine(scheme.outlineVariant, Offset(left, y(p)), Offset(right, y(p)), strokeWidth = 1.dp.toPx())
                val label = measurer.measure("${(p * 100).toInt()}%", labelStyle)
                drawText(label, topLeft = Offset(left - label.size.width - 4.dp.toPx(), y(p) - label.size.height / 2f))
            }
            drawLine(scheme.outline, Offset(left, top), Offset(left, bottom), strokeWidth = 1.dp.toPx())
            // The x axis's labels: now, half way, the curve's end, in years.
            for (years in listOf(0.0, maxYears / 2, maxYears)) {
                val text = if (years == 0.0) "0" else "%.1f".format(years)
                val label = measurer.measure(if (years == maxYears) "$text $yearsUnit" else text, labelStyle)
                val at = (x(years) - label.size.width / 2f).coerceIn(0f, size.width - label.size.width)
                drawText(label, topLeft = Offset(at, bottom + 2.dp.toPx()))
            }

            // The median, dashed, with its label.
            val mx = x(odds.medianYears)
            drawLine(
                scheme.tertiary, Offset(mx, top), Offset(mx, bottom),
                strokeWidth = 1.5.dp.toPx(), pathEffect = PathEffect.dashPathEffect(floatArrayOf(6.dp.toPx(), 4.dp.toPx())),
            )
            val median = measurer.measure(medianLabel, labelStyle.copy(color = scheme.tertiary))
            drawText(median, topLeft = Offset((mx + 4.dp.toPx()).coerceAtMost(right - median.size.width), top))

            // The curve, from now (nothing won yet) through the core's points.
            val path = Path().apply {
                moveTo(x(0.0), y(0.0))
                curve.forEach { lineTo(x(it.years), y(it.probability)) }
            }
            drawPath(path, scheme.primary, style = Stroke(width = 2.5.dp.toPx(), cap = StrokeCap.Round))
        }
    }
}
