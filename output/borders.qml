<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="1" simplifyDrawingHints="1" simplifyAlgorithm="0" simplifyDrawingTol="1" simplifyLocal="1" simplifyMaxScale="1">
  <renderer-v2 type="categorizedSymbol" attr="status" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category render="true" value="agreed" symbol="0" label="agreed"/>
      <category render="true" value="disputed" symbol="1" label="disputed"/>
      <category render="true" value="" symbol="2" label="coastline"/>
    </categories>
    <symbols>
      <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="line_color" type="QString" value="37,37,37,255"/><Option name="line_width" type="QString" value="0.6"/><Option name="line_style" type="QString" value="solid"/></Option></layer></symbol>
      <symbol type="line" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="line_color" type="QString" value="227,26,28,255"/><Option name="line_width" type="QString" value="0.9"/><Option name="line_style" type="QString" value="dash"/></Option></layer></symbol>
      <symbol type="line" name="2" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="line_color" type="QString" value="27,158,119,255"/><Option name="line_width" type="QString" value="0.6"/><Option name="line_style" type="QString" value="solid"/></Option></layer></symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="&quot;title&quot;" isExpression="1" fontSize="7" textColor="20,20,20,255" fontFamily="DejaVu Sans" namedStyle="Regular"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.9"/>
      <placement placement="2" dist="1.5" priority="4"/>
      <rendering displayAll="0" obstacle="1" obstacleFactor="1" upsidedownLabels="0"/>
    </settings>
  </labeling>
  <layerGeometryType>1</layerGeometryType>
</qgis>
