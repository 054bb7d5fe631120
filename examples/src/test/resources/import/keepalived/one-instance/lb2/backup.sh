#!/bin/sh
logger -t keepalived "now BACKUP"
