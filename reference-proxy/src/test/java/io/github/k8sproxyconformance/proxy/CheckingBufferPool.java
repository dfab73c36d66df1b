package io.github.k8sproxyconformance.proxy;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Retainable;
import org.eclipse.jetty.io.RetainableByteBuffer;

/**
 * A buffer pool that records every release, or retain, of a buffer already released, with the
 * stacks of its acquisition and earlier releases. Jetty's pool cannot tell: by the second release
 * the buffer may belong to another connection, whose count the release then takes down.
 */
final class CheckingBufferPool implements ByteBufferPool {
  final ArrayByteBufferPool delegate = new ArrayByteBufferPool();
  final ConcurrentLinkedQueue<Throwable> misuses = new ConcurrentLinkedQueue<>();

  @Override
  public RetainableByteBuffer.Mutable acquire(int size, boolean direct) {
    RetainableByteBuffer.Mutable inner = delegate.acquire(size, direct);
    return new RetainableByteBuffer.FixedCapacity(inner.getByteBuffer(), new Checked(inner));
  }

  @Override
  public void clear() {
    delegate.clear();
  }

  private final class Checked extends Retainable.ReferenceCounter {
    private final RetainableByteBuffer inner;
    private final List<Throwable> history = new CopyOnWriteArrayList<>();

    Checked(RetainableByteBuffer inner) {
      this.inner = inner;
      history.add(new Throwable("acquired by " + Thread.currentThread().getName()));
    }

    @Override
    public void retain() {
      try {
        super.retain();
      } catch (IllegalStateException e) {
        misuse("retained after release", e);
        throw e;
      }
    }

    @Override
    public boolean release() {
      boolean released;
      try {
        released = super.release();
      } catch (IllegalStateException e) {
        misuse("over-released", e);
        throw e;
      }
      history.add(new Throwable("released by " + Thread.currentThread().getName()));
      if (released) {
        inner.release();
      }
      return released;
    }

    private void misuse(String what, IllegalStateException e) {
      Throwable t = new Throwable(what + " by " + Thread.currentThread().getName());
      history.forEach(t::addSuppressed);
      misuses.add(t);
    }
  }
}
