"""What the dashboards show: widgets and charts built from the tasks' numbers."""
