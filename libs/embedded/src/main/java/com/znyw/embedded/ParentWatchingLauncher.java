package com.znyw.embedded;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and exits the JVM when a given parent process ends, so that a child
 * started by the demo (the console, for example) never outlives it, even when the parent is
 * killed without running its shutdown hooks.
 *
 * <p>Usage: {@code java -cp ... com.znyw.embedded.ParentWatchingLauncher <parentPid> <mainClass> [args...]}
 */
public final class ParentWatchingLauncher {

    private ParentWatchingLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchingLauncher <parentPid> <mainClass> [args...]");
            System.exit(2);
        }
        long parentPid;
        try {
            parentPid = Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("invalid parent pid '" + args[0] + "': use the numeric process id");
            System.exit(2);
            return;
        }
        ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
        if (parent == null) {
            System.err.println("parent process " + parentPid + " is not running; exiting");
            System.exit(1);
            return;
        }
        parent.onExit().thenRun(() -> {
            System.err.println("parent process " + parentPid + " ended; stopping");
            System.exit(0);
        });

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
