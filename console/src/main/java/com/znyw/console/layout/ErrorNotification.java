package com.znyw.console.layout;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The error toast the views show for a failed action, in the middle of the screen. */
public final class ErrorNotification {

    /** Element id of the toast, which the browser tests look for. */
    public static final String ID = "error-notification";
    private static final int DURATION_MS = 6000;

    private ErrorNotification() {
    }

    /** Shows {@code message}, already translated, as an error for six seconds. */
    public static void show(String message) {
        Notification notification = Notification.show(message, DURATION_MS,
                Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.setId(ID);
    }
}
