"""The Excel workbook writer's parts: statement layout, number formats, sheets and deterministic packaging."""
