package app.yaohao.presentation

import app.yaohao.core.Reason
import app.yaohao.core.Text

/** The two languages of the app: Simplified Chinese first, English second. */
enum class Lang {
    ZH,
    EN;

    companion object {
        /** The language for a BCP 47 tag: English for `en*`, Chinese for everything else. */
        fun forTag(tag: String?): Lang = if (tag?.lowercase()?.startsWith("en") == true) EN else ZH
    }
}

/** This text in [lang]. */
fun Text.pick(lang: Lang): String = if (lang == Lang.EN) en else zh

/** The message of this reason in [lang]. */
fun Reason.message(lang: Lang): String = if (lang == Lang.EN) messageEn else messageZh
