package filter

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ManageSieve layout, as Dovecot 2.3 uses it by default
// (sieve = file:~/sieve;active=~/.dovecot.sieve).
const (
	// ActiveScriptName is the personal script, relative to the home
	// directory: usually a relative symlink to sieve/<name>.sieve.
	ActiveScriptName = ".dovecot.sieve"
	// ScriptDirName is the directory, relative to the home directory,
	// holding the user's scripts; include :personal looks there.
	ScriptDirName = "sieve"
	// ScriptExt is the extension of the scripts run from a directory given
	// in Options.Before or Options.After.
	ScriptExt = ".sieve"
)

// User says where one user's personal Sieve script is. The zero User has
// no personal script, so only the global and default scripts apply.
type User struct {
	// Home is the user's home directory. With Script empty, the personal
	// script is Home/.dovecot.sieve (the ManageSieve active script).
	Home string
	// Script is the personal script's path as the user record gives it
	// (Dovecot's sieve setting). A relative path is taken relative to
	// Home. Empty means Home/.dovecot.sieve when Home is set.
	Script string
	// ScriptDir is where include :personal finds scripts. Empty means
	// Home/sieve when Home is set, else the directory of Script.
	ScriptDir string
}

// personalPath returns the personal script's path, "" when there is none.
func (u User) personalPath() string {
	switch {
	case u.Script != "" && !filepath.IsAbs(u.Script) && u.Home != "":
		return filepath.Join(u.Home, u.Script)
	case u.Script != "":
		return u.Script
	case u.Home != "":
		return filepath.Join(u.Home, ActiveScriptName)
	}
	return ""
}

// personalDir returns the directory for include :personal, "" when unknown
// (the engine then uses the including script's directory).
func (u User) personalDir() string {
	switch {
	case u.ScriptDir != "":
		return u.ScriptDir
	case u.Home != "":
		return filepath.Join(u.Home, ScriptDirName)
	}
	return ""
}

// globalSource is one entry of Options.Before or Options.After.
type globalSource struct {
	path string
	dir  bool
}

// checkGlobal validates a global script path at New: it must exist, and be
// a regular file or a directory.
func checkGlobal(path string) (globalSource, error) {
	if path == "" {
		return globalSource{}, fmt.Errorf("filter: %w: empty path", ErrScriptSource)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return globalSource{}, fmt.Errorf("filter: %w: %w", ErrScriptSource, err)
	}
	if !fi.IsDir() && !fi.Mode().IsRegular() {
		return globalSource{}, fmt.Errorf("filter: %w: %s is not a file or directory", ErrScriptSource, path)
	}
	return globalSource{path: path, dir: fi.IsDir()}, nil
}

// files lists the scripts of a global source: the file itself, or the
// *.sieve files of the directory in byte order of their names (os.ReadDir
// sorts). A directory or file that vanished since New yields nothing.
func (g globalSource) files() ([]string, error) {
	if !g.dir {
		return []string{g.path}, nil
	}
	entries, err := os.ReadDir(g.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("filter: list %s: %w", g.path, err)
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ScriptExt) || strings.HasPrefix(name, ".") || e.IsDir() {
			continue
		}
		out = append(out, filepath.Join(g.path, name))
	}
	return out, nil
}
