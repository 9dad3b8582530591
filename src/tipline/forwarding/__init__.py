"""Forwarding reports to agencies: routing policy, referrals, the agencies' pull API and webhooks."""
