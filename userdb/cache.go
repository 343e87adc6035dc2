package userdb

import (
	"context"
	"errors"
	"maps"
	"sync"
	"time"
)

// Defaults of [CacheOptions].
const (
	DefaultCacheTTL        = time.Minute
	DefaultCacheMaxEntries = 10000
)

// CacheOptions configures a [Cache].
type CacheOptions struct {
	// TTL is how long a found user is remembered; zero means
	// DefaultCacheTTL.
	TTL time.Duration
	// NegativeTTL is how long [ErrNotFound] is remembered. Zero (the
	// default) does not cache negative answers, so a newly created user
	// receives mail at once.
	NegativeTTL time.Duration
	// MaxEntries bounds the number of entries; zero means
	// DefaultCacheMaxEntries. When full, expired entries go first, then
	// arbitrary ones.
	MaxEntries int
}

// Cache remembers the answers of another [DB] for a short time. Only found
// users and (when NegativeTTL is set) [ErrNotFound] are cached; errors
// never are. It is safe for concurrent use.
type Cache struct {
	db     DB
	ttl    time.Duration
	negTTL time.Duration
	max    int

	mu sync.Mutex
	m  map[string]cacheEntry // key: the address as given to Lookup
}

type cacheEntry struct {
	user     User
	notFound bool
	expires  time.Time
}

var (
	_ DB       = (*Cache)(nil)
	_ Iterator = (*Cache)(nil)
)

// NewCache returns a cache in front of db.
func NewCache(db DB, o CacheOptions) *Cache {
	return &Cache{db: db, ttl: orDefault(o.TTL, DefaultCacheTTL), negTTL: o.NegativeTTL,
		max: orDefault(o.MaxEntries, DefaultCacheMaxEntries), m: make(map[string]cacheEntry)}
}

// Lookup implements [DB]. The returned User's Extra map is a copy.
func (c *Cache) Lookup(ctx context.Context, address string) (User, error) {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[address]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		if e.notFound {
			return User{}, ErrNotFound
		}
		return copyUser(e.user), nil
	}
	u, err := c.db.Lookup(ctx, address)
	switch {
	case err == nil:
		c.store(address, cacheEntry{user: copyUser(u), expires: now.Add(c.ttl)})
	case errors.Is(err, ErrNotFound) && c.negTTL > 0:
		c.store(address, cacheEntry{notFound: true, expires: now.Add(c.negTTL)})
	}
	return u, err
}

func (c *Cache) store(key string, e cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; !ok && len(c.m) >= c.max {
		c.evict(time.Now())
	}
	c.m[key] = e
}

// evict drops expired entries, or one arbitrary entry when none expired.
// The caller holds c.mu.
func (c *Cache) evict(now time.Time) {
	for k, e := range c.m {
		if !now.Before(e.expires) {
			delete(c.m, k)
		}
	}
	for k := range c.m {
		if len(c.m) < c.max {
			return
		}
		delete(c.m, k)
	}
}

// Purge forgets every cached answer.
func (c *Cache) Purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.m)
}

// Users passes through to the cached DB when it is an [Iterator]; the
// list is not cached. Otherwise it returns an error wrapping
// errors.ErrUnsupported.
func (c *Cache) Users(ctx context.Context) ([]string, error) {
	it, ok := c.db.(Iterator)
	if !ok {
		return nil, errors.ErrUnsupported
	}
	return it.Users(ctx)
}

func copyUser(u User) User {
	u.Extra = maps.Clone(u.Extra)
	return u
}
