package io.marketlens.cycle.a;

/** Half of a deliberate package cycle, for {@code PackageCyclesTest}. */
public class A {
    public io.marketlens.cycle.b.B b;
}
