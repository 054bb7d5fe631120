/** The typed events an {@code EipFailover} reports to its listeners. */
package io.eipfailover.core.event;
