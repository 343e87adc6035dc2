package userdb_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

// countingDB answers from a map and counts lookups; err, when set, is
// returned for every address.
type countingDB struct {
	users map[string]userdb.User
	err   error
	calls atomic.Int64
}

func (c *countingDB) Lookup(_ context.Context, address string) (userdb.User, error) {
	c.calls.Add(1)
	if c.err != nil {
		return userdb.User{}, c.err
	}
	u, ok := c.users[address]
	if !ok {
		return userdb.User{}, userdb.ErrNotFound
	}
	return u, nil
}

func newCountingDB() *countingDB {
	return &countingDB{users: map[string]userdb.User{
		"bob@example.com": {Address: "bob@example.com", Maildir: "/m/bob", Extra: map[string]string{"k": "v"}},
	}}
}

func TestCache_positive(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		db := newCountingDB()
		c := userdb.NewCache(db, userdb.CacheOptions{TTL: time.Minute})
		for range 3 {
			u, err := c.Lookup(t.Context(), "bob@example.com")
			require.NoError(t, err)
			assert.Equal(t, "/m/bob", u.Maildir)
			u.Extra["k"] = "changed by the caller"
		}
		assert.Equal(t, int64(1), db.calls.Load())
		u, err := c.Lookup(t.Context(), "bob@example.com")
		require.NoError(t, err)
		assert.Equal(t, "v", u.Extra["k"])

		time.Sleep(time.Minute)
		_, err = c.Lookup(t.Context(), "bob@example.com")
		require.NoError(t, err)
		assert.Equal(t, int64(2), db.calls.Load())

		c.Purge()
		_, err = c.Lookup(t.Context(), "bob@example.com")
		require.NoError(t, err)
		assert.Equal(t, int64(3), db.calls.Load())
	})
}

func TestCache_negative(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		negTTL    time.Duration
		wantCalls int64
	}{
		{"off by default", 0, 3},
		{"on", time.Minute, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := newCountingDB()
			c := userdb.NewCache(db, userdb.CacheOptions{NegativeTTL: tc.negTTL})
			for range 3 {
				_, err := c.Lookup(t.Context(), "nobody@example.com")
				require.ErrorIs(t, err, userdb.ErrNotFound)
			}
			assert.Equal(t, tc.wantCalls, db.calls.Load())
		})
	}
}

func TestCache_errorsNotCached(t *testing.T) {
	t.Parallel()
	db := newCountingDB()
	db.err = &userdb.BackendError{Backend: "test", Op: "lookup", Err: errors.New("down")}
	c := userdb.NewCache(db, userdb.CacheOptions{NegativeTTL: time.Hour})
	for range 2 {
		_, err := c.Lookup(t.Context(), "bob@example.com")
		var be *userdb.BackendError
		require.ErrorAs(t, err, &be)
	}
	assert.Equal(t, int64(2), db.calls.Load())
}

func TestCache_boundedAndConcurrent(t *testing.T) {
	t.Parallel()
	db := &countingDB{users: map[string]userdb.User{}}
	c := userdb.NewCache(db, userdb.CacheOptions{MaxEntries: 4, NegativeTTL: time.Hour})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				_, err := c.Lookup(t.Context(), string(rune('a'+(i+j)%10))+"@example.com")
				assert.ErrorIs(t, err, userdb.ErrNotFound)
			}
		})
	}
	wg.Wait()
	assert.Greater(t, db.calls.Load(), int64(10))
}

func TestCache_Users(t *testing.T) {
	t.Parallel()
	_, err := userdb.NewCache(newCountingDB(), userdb.CacheOptions{}).Users(t.Context())
	require.ErrorIs(t, err, errors.ErrUnsupported)

	p, err := userdb.NewPasswdFile(userdb.PasswdFileOptions{Path: "testdata/users"})
	require.NoError(t, err)
	users, err := userdb.NewCache(p, userdb.CacheOptions{}).Users(t.Context())
	require.NoError(t, err)
	assert.Len(t, users, 5)
}
