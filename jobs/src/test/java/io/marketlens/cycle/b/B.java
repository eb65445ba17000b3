package io.marketlens.cycle.b;

/** The other half of a deliberate package cycle, for {@code PackageCyclesTest}. */
public class B {
    public io.marketlens.cycle.a.A a;
}
