package dev.tflc.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file opened for reading that counts the bytes read from it. */
public final class CountingChannel implements SeekableByteChannel {
    private final SeekableByteChannel in;
    private long read;

    public CountingChannel(Path file) throws IOException {
        this.in = Files.newByteChannel(file);
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return read;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = in.read(dst);
        read += Math.max(n, 0);
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public long position() throws IOException {
        return in.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        in.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return in.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
