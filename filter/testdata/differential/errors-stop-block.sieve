if true { stop }
