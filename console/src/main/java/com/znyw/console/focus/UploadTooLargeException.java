package com.znyw.console.focus;

/** An upload larger than {@code znyw.focus.max-upload-size}; nothing of it is kept. */
public class UploadTooLargeException extends RuntimeException {

    private final long limitBytes;

    public UploadTooLargeException(long limitBytes) {
        super("The upload is larger than the limit of " + limitBytes + " bytes: split the file,"
                + " compress it with gzip, or raise znyw.focus.max-upload-size");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
