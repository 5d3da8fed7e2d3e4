package io.lockstep.c2.module;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps the deletion of unreferenced modules and models from racing a mission that is about to refer to
 * them: creating a mission (check the blobs exist, store the mission) is one "use", the retention sweep
 * deletes only while no use is in progress.
 */
@ApplicationScoped
public class BlobUse {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public <T> T referencing(Supplier<T> use) {
        lock.readLock().lock();
        try {
            return use.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T deleting(Supplier<T> deletion) {
        lock.writeLock().lock();
        try {
            return deletion.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
