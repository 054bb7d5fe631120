package io.eipfailover.core.internal.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one step: the next state and the effects to perform, in order. The runner arms
 * its one timer at {@link #wakeAt()}. Immutable.
 */
public record Step(ReconcilerState state, List<Effect> effects) {
  public Step {
    Objects.requireNonNull(state, "state");
    effects = List.copyOf(effects);
  }

  static Step of(ReconcilerState state, Effect... effects) {
    return new Step(state, List.of(effects));
  }

  /** This step followed by what {@code next} makes of its state; the effects are concatenated. */
  Step then(Function<ReconcilerState, Step> next) {
    Step after = next.apply(state);
    if (effects.isEmpty()) {
      return after;
    }
    if (after.effects.isEmpty()) {
      return new Step(after.state, effects);
    }
    List<Effect> all = new ArrayList<>(effects);
    all.addAll(after.effects);
    return new Step(after.state, all);
  }

  /** When the runner should wake the step next, as a ticker reading. */
  public long wakeAt() {
    return state.wakeAt();
  }
}
