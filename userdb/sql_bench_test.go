package userdb_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

// BenchmarkSQLLookup measures lookups per second with the Modoboa seed:
// "miss" goes to the database every time (no cache), "hit" is answered by
// a Cache. PostgreSQL and MariaDB are skipped without their DSNs.
func BenchmarkSQLLookup(b *testing.B) {
	for _, kind := range dbKinds {
		b.Run(kind, func(b *testing.B) {
			tdb := openTestDB(b, kind, false)
			tdb.exec(b, modoboaSchema)
			sc := seedCases[0]
			userQuery, _ := sc.queries(b, kind)
			db, err := userdb.NewSQL(userdb.SQLOptions{Options: sc.opts, Driver: tdb.driver, DSN: tdb.dsn,
				UserQuery: userQuery})
			require.NoError(b, err)
			b.Cleanup(func() { db.Close() })
			cached := userdb.NewCache(db, userdb.CacheOptions{})
			for name, d := range map[string]userdb.DB{"miss": db, "hit": cached} {
				b.Run(name, func(b *testing.B) { benchLookup(b, d) })
			}
		})
	}
}

func benchLookup(b *testing.B, db userdb.DB) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Lookup(b.Context(), "alice@example.com"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}

// BenchmarkSQLLookupParallel is the same miss path from many goroutines,
// bounded by the connection pool.
func BenchmarkSQLLookupParallel(b *testing.B) {
	tdb := openTestDB(b, "postgres", false)
	tdb.exec(b, modoboaSchema)
	sc := seedCases[0]
	userQuery, _ := sc.queries(b, "postgres")
	db, err := userdb.NewSQL(userdb.SQLOptions{Options: sc.opts, Driver: tdb.driver, DSN: tdb.dsn,
		UserQuery: userQuery})
	require.NoError(b, err)
	b.Cleanup(func() { db.Close() })
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			if _, err := db.Lookup(b.Context(), "alice@example."+[]string{"com", "org"}[i%2]); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}
