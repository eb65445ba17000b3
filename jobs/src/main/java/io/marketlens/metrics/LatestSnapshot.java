package io.marketlens.metrics;

/**
 * A listing's latest price, rating and review count over the fact rows added to it: each the value of the latest month
 * that has one (of several rows of that month, the first added). Shared by the tables that describe listings by their
 * latest snapshot ({@code price_bands}, {@code competitors}).
 */
public class LatestSnapshot {

    private double price = Double.NaN;
    private int priceMonth = Integer.MIN_VALUE;
    private double rating = Double.NaN;
    private int ratingMonth = Integer.MIN_VALUE;
    private long reviews = -1;
    private int reviewsMonth = Integer.MIN_VALUE;

    /** Takes the row's price, rating and review count where they are later than those held. */
    public void addSnapshot(FactCube cube, int row) {
        int m = cube.month(row);
        if (!Double.isNaN(cube.price(row)) && m > priceMonth) {
            price = cube.price(row);
            priceMonth = m;
        }
        if (!Double.isNaN(cube.rating(row)) && m > ratingMonth) {
            rating = cube.rating(row);
            ratingMonth = m;
        }
        if (cube.reviews(row) >= 0 && m > reviewsMonth) {
            reviews = cube.reviews(row);
            reviewsMonth = m;
        }
    }

    /** Forgets the rows added, as a new instance would hold none (for an instance reused for another listing). */
    protected void resetSnapshot() {
        price = Double.NaN;
        priceMonth = Integer.MIN_VALUE;
        rating = Double.NaN;
        ratingMonth = Integer.MIN_VALUE;
        reviews = -1;
        reviewsMonth = Integer.MIN_VALUE;
    }

    /** The latest price; NaN without one. */
    public double latestPrice() {
        return price;
    }

    /** The latest rating; NaN without one. */
    public double rating() {
        return rating;
    }

    /** The latest review count; −1 without one. */
    public long reviews() {
        return reviews;
    }
}
