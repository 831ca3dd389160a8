package app.yaohao.app.platform

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.net.Uri
import app.yaohao.app.ui.lang
import app.yaohao.core.Reminder
import app.yaohao.core.ReminderKind
import app.yaohao.core.Text
import app.yaohao.presentation.reminders.NotificationContent
import app.yaohao.presentation.reminders.notification

/** An exact alarm fired: shows the core's reminder in the user's language. */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val reminder = reminderOf(intent) ?: return
        val content: NotificationContent = reminder.notification(context.lang())
        Notifications.show(context, content)
    }

    companion object {
        private const val ID = "id"
        private const val KIND = "kind"
        private const val TITLE_ZH = "title_zh"
        private const val TITLE_EN = "title_en"
        private const val BODY_ZH = "body_zh"
        private const val BODY_EN = "body_en"
        private const val LINK = "deep_link"
        private const val FIRE_AT = "fire_at"

        /** The alarm intent of reminder [id]: its data URI makes it distinct from every other id. */
        fun intent(context: Context, id: String): Intent =
            Intent(context, ReminderReceiver::class.java).setData(Uri.fromParts("yaohao-reminder", id, null))

        /** The alarm intent carrying [reminder]. */
        fun intent(context: Context, reminder: Reminder): Intent =
            intent(context, reminder.id)
                .putExtra(ID, reminder.id)
                .putExtra(KIND, reminder.kind.name)
                .putExtra(TITLE_ZH, reminder.title.zh)
                .putExtra(TITLE_EN, reminder.title.en)
                .putExtra(BODY_ZH, reminder.body.zh)
                .putExtra(BODY_EN, reminder.body.en)
                .putExtra(LINK, reminder.deepLink)
                .putExtra(FIRE_AT, reminder.fireAt.toEpochMilli())

        private fun reminderOf(intent: Intent): Reminder? {
            val id = intent.getStringExtra(ID) ?: return null
            val kind = intent.getStringExtra(KIND)?.let { name -> ReminderKind.entries.firstOrNull { it.name == name } } ?: return null
            return Reminder(
                id,
                kind,
                java.time.Instant.ofEpochMilli(intent.getLongExtra(FIRE_AT, 0)),
                Text(intent.getStringExtra(TITLE_ZH).orEmpty(), intent.getStringExtra(TITLE_EN).orEmpty()),
                Text(intent.getStringExtra(BODY_ZH).orEmpty(), intent.getStringExtra(BODY_EN).orEmpty()),
                intent.getStringExtra(LINK).orEmpty(),
            )
        }
    }
}
