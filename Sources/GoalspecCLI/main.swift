print("goalspec")
