package app.yaohao.presentation.application

import app.yaohao.core.ActionKind
import app.yaohao.core.Yaohao

/**
 * Runs an application card's action [kind] on application [applicationId], as the core offered it
 * (home and the application's screen share this): editing or resubmitting opens a draft of the
 * application, whose local id is returned; continuing, withdrawing and reactivating go to the
 * portal and return null. The kinds that belong to other cards (the account's, a result's, a
 * draft's) are not an application card's and do nothing.
 */
suspend fun Yaohao.runApplicationAction(applicationId: Long, kind: ActionKind): String? = when (kind) {
    ActionKind.EDIT, ActionKind.RESUBMIT -> editApplication(applicationId).localId
    ActionKind.CONTINUE -> {
        continueApplication(applicationId)
        null
    }
    ActionKind.WITHDRAW -> {
        withdrawApplication(applicationId)
        null
    }
    ActionKind.REACTIVATE -> {
        reactivateApplication(applicationId)
        null
    }
    ActionKind.SUBMIT, ActionKind.CONFIRM, ActionKind.CHANGE_MARITAL_STATUS, ActionKind.CHANGE_ADDRESS,
    ActionKind.DELETE_ACCOUNT -> null
}
