require "fileinto";
if exists ["From", "X-Missing"] { fileinto "Wrong"; }
if exists ["From", "message-id"] { fileinto "Both"; }
