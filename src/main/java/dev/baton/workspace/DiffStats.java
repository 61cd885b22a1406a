package dev.baton.workspace;

/** Files changed and lines added and removed, as {@code git diff --numstat} counts them. */
record DiffStats(int files, int insertions, int deletions) {

    /** Sums numstat lines ("added TAB deleted TAB path"); binary files show "-" for both counts and add none. */
    static DiffStats ofNumstat(String numstat) {
        int files = 0;
        int insertions = 0;
        int deletions = 0;
        for (String line : numstat.lines().toList()) {
            String[] columns = line.split("\t", 3);
            if (columns.length < 3) {
                continue;
            }
            files++;
            insertions += count(columns[0]);
            deletions += count(columns[1]);
        }
        return new DiffStats(files, insertions, deletions);
    }

    private static int count(String column) {
        return column.equals("-") ? 0 : Integer.parseInt(column);
    }
}
