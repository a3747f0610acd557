<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="1">
  <renderer-v2 type="categorizedSymbol" attr="status" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category render="true" value="agreed" symbol="0" label="agreed"/>
      <category render="true" value="disputed" symbol="1" label="disputed"/>
    </categories>
    <symbols>
      <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="line_color" type="QString" value="49,130,189,255"/><Option name="line_width" type="QString" value="0.6"/><Option name="line_style" type="QString" value="solid"/></Option></layer></symbol>
      <symbol type="line" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="line_color" type="QString" value="227,26,28,255"/><Option name="line_width" type="QString" value="0.9"/><Option name="line_style" type="QString" value="dash"/></Option></layer></symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="title" isExpression="0" fontSize="9" textColor="20,20,20,255" fontFamily="Noto Sans"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferColor="255,255,255,255"/>
      <placement placement="2" dist="1.5"/>
    </settings>
  </labeling>
  <layerGeometryType>1</layerGeometryType>
</qgis>
