package app.yaohao.app.platform

import android.Manifest
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import androidx.core.content.getSystemService
import app.yaohao.app.MainActivity
import app.yaohao.app.R
import app.yaohao.presentation.reminders.Channel
import app.yaohao.presentation.reminders.NotificationContent

/** The app's notification channels and how a core-decided notification is shown. */
object Notifications {
    /** Creates (or updates) every channel; idempotent, called at start-up. */
    fun createChannels(context: Context) {
        val manager = context.getSystemService<NotificationManager>() ?: return
        manager.createNotificationChannels(
            Channel.entries.map { channel ->
                NotificationChannel(
                    channel.id,
                    context.getString(channel.nameRes()),
                    if (channel.urgent) NotificationManager.IMPORTANCE_HIGH else NotificationManager.IMPORTANCE_DEFAULT,
                ).apply { description = context.getString(channel.descriptionRes()) }
            },
        )
    }

    /** Shows [content] (replacing any with the same id); nothing without the permission. */
    fun show(context: Context, content: NotificationContent) {
        val granted = ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED
        if (!granted) return
        val open = Intent(Intent.ACTION_VIEW, Uri.parse(content.deepLink), context, MainActivity::class.java)
        val tap = PendingIntent.getActivity(context, content.platformId, open, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
        val notification = NotificationCompat.Builder(context, content.channel.id)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(content.title)
            .setContentText(content.body)
            .setStyle(NotificationCompat.BigTextStyle().bigText(content.body))
            .setContentIntent(tap)
            .setAutoCancel(true)
            .build()
        NotificationManagerCompat.from(context).notify(content.id, content.platformId, notification)
    }

    private fun Channel.nameRes(): Int = when (this) {
        Channel.RESULTS -> R.string.channel_results
        Channel.DEADLINES -> R.string.channel_deadlines
        Channel.DOCUMENTS -> R.string.channel_documents
        Channel.CALENDAR -> R.string.channel_calendar
    }

    private fun Channel.descriptionRes(): Int = when (this) {
        Channel.RESULTS -> R.string.channel_results_description
        Channel.DEADLINES -> R.string.channel_deadlines_description
        Channel.DOCUMENTS -> R.string.channel_documents_description
        Channel.CALENDAR -> R.string.channel_calendar_description
    }
}
